"""A Binance-compatible spot exchange simulator that unmodified ccxt trades against.

Run alone with `python -m simulators.exchange --port 9100 [--config FILE] [--seed N]`, or build
the ASGI app with `simulators.exchange.app.create_app`. Binance's REST subset lives under
`/api/v3` and `/sapi/v1`; the control API that shapes the exchange lives under `/sim`.
"""
