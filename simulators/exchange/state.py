"""Everything one running simulator holds: the exchange, its faults and its weight counters."""

from __future__ import annotations

from dataclasses import dataclass

from simulators.exchange.exchange import Exchange
from simulators.exchange.faults import FaultInjector
from simulators.exchange.weights import WeightCounter


@dataclass
class SimulatorState:
    exchange: Exchange
    faults: FaultInjector
    weights: WeightCounter
    weight_by_api_key: bool = False

    def reset(self) -> None:
        self.exchange.reset()
        self.faults.clear()
        self.weights = WeightCounter(self.weights.limit)
