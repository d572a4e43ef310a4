"""Everything one running simulator holds: the exchange, its faults and its weight counters."""

from __future__ import annotations

from dataclasses import dataclass

from simulators.exchange.config import SimulatorConfig
from simulators.exchange.exchange import Exchange
from simulators.exchange.faults import FaultInjector
from simulators.exchange.weights import WeightCounter


@dataclass
class SimulatorState:
    exchange: Exchange
    faults: FaultInjector
    weights: WeightCounter
    weight_by_api_key: bool = False

    @classmethod
    def from_config(cls, config: SimulatorConfig, seed: int) -> SimulatorState:
        state = cls(Exchange(config, seed), FaultInjector(seed), WeightCounter(0))
        state.restore_limits()
        return state

    def set_limits(self, weight_limit: int, *, by_api_key: bool) -> None:
        self.weights = WeightCounter(weight_limit)
        self.weight_by_api_key = by_api_key

    def restore_limits(self) -> None:
        config = self.exchange.config
        self.set_limits(config.weight_limit, by_api_key=config.weight_scope == "api_key")

    def reset(self) -> None:
        """Configured markets, accounts and limits; no orders, fills, faults or used weight."""
        self.exchange.reset()
        self.faults.clear()
        self.restore_limits()
