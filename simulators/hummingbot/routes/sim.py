"""`/sim`: the simulator's own controls, without auth. Never part of the hummingbot-api
contract, never faulted, never counted."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, status

from simulators.hummingbot.faults import Faults
from simulators.hummingbot.state import Host

router = APIRouter(prefix="/sim", tags=["Simulator controls"])


@router.post("/faults")
def set_faults(faults: Faults, state: Host) -> Faults:
    """Make the hummingbot-api routes unavailable (`down`), slow (`latency_ms`) or fail
    with an HTTP `status`, until `DELETE /sim/faults`."""
    state.faults.faults = faults
    return faults


@router.delete("/faults")
def clear_faults(state: Host) -> Faults:
    """Serve normally again."""
    state.faults.faults = Faults()
    return state.faults.faults


@router.post("/bots/{bot_name}/crash")
def crash_bot(bot_name: str, state: Host, reason: str = "injected by /sim") -> dict[str, str]:
    """Kill a bot's task with an exception: its status becomes `error` with the log line."""
    bot = state.host.get(bot_name)
    if bot is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, f"Bot {bot_name} not found")
    bot.crash(reason)
    return {"bot_name": bot_name, "crash": reason}


@router.get("/calls")
def count_calls(state: Host) -> dict[str, Any]:
    """How many hummingbot-api calls this host received, in total and per route."""
    return state.faults.calls.summary()


@router.delete("/calls")
def clear_calls(state: Host) -> dict[str, Any]:
    """Start counting again from zero."""
    state.faults.calls.clear()
    return state.faults.calls.summary()


@router.post("/reset")
async def reset(state: Host) -> dict[str, str]:
    """Stop every bot (cancelling its orders) and forget accounts, configs, faults and counts."""
    await state.reset()
    return {"status": "reset"}
