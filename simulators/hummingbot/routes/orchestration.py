"""`/bot-orchestration`: deploy, start, stop and read bots, with hummingbot-api's envelopes.

As in hummingbot-api, a command to an unknown bot is not an HTTP error: it answers
`{"status": "success", "response": {"success": false, "message": ...}}`, and the status
of an unknown bot is `{"status": "not_found", ...}`.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from simulators.hummingbot.schemas import StartBotAction, StopBotAction, V2ControllerDeployment
from simulators.hummingbot.state import Host

router = APIRouter(prefix="/bot-orchestration", tags=["Bot Orchestration"])


def _not_found(bot_name: str) -> dict[str, Any]:
    return {"success": False, "message": f"Bot {bot_name} not found"}


@router.get("/status")
def get_active_bots_status(state: Host) -> dict[str, Any]:
    """The status of every bot on this host."""
    return {"status": "success", "data": state.host.statuses()}


@router.get("/{bot_name}/status")
def get_bot_status(bot_name: str, state: Host) -> dict[str, Any]:
    """The status of one bot."""
    bot = state.host.get(bot_name)
    if bot is None:
        return {
            "status": "success",
            "data": {"status": "not_found", "error": f"Bot {bot_name} not found"},
        }
    return {"status": "success", "data": bot.status()}


@router.post("/start-bot")
async def start_bot(action: StartBotAction, state: Host) -> dict[str, Any]:
    """Start a deployed bot's controllers again (a running bot is left as it is)."""
    bot = state.host.get(action.bot_name)
    if bot is None:
        return {"status": "success", "response": _not_found(action.bot_name)}
    await bot.start()
    return {"status": "success", "response": {"success": True}}


@router.post("/stop-bot")
def stop_bot(action: StopBotAction, state: Host) -> dict[str, Any]:
    """Stop a bot; its orders are cancelled unless `skip_order_cancellation`. Answers once
    the command is given: the bot finishes stopping in the background."""
    bot = state.host.get(action.bot_name)
    if bot is None:
        return {"status": "success", "response": _not_found(action.bot_name)}
    bot.stop(cancel_orders=not action.skip_order_cancellation)
    return {"status": "success", "response": {"success": True}}


@router.post("/stop-and-archive-bot/{bot_name}")
async def stop_and_archive_bot(
    bot_name: str, state: Host, skip_order_cancellation: bool = True
) -> dict[str, Any]:
    """Stop a bot and remove it from the host."""
    if state.host.get(bot_name) is None:
        return {
            "status": "error",
            "message": f"Bot '{bot_name}' not found in active bots.",
            "details": {"input_name": bot_name, "active_bots": sorted(state.host.bots)},
        }
    await state.host.remove(bot_name, cancel_orders=not skip_order_cancellation)
    return {
        "status": "success",
        "message": f"Stop and archive process started for bot {bot_name}",
        "details": {
            "input_name": bot_name,
            "actual_bot_name": bot_name,
            "container_name": bot_name,
        },
    }


@router.post("/deploy-v2-controllers")
async def deploy_v2_controllers(deployment: V2ControllerDeployment, state: Host) -> dict[str, Any]:
    """Deploy and start a bot running the saved controller configs with the credentials of
    `credentials_profile`; the bot's name is `unique_instance_name` in the answer."""
    return await state.host.deploy(deployment, state.accounts, state.configs)
