"""Simulated Hummingbot instances: each trades through ccxt on the exchange simulator."""
