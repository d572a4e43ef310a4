"""`/controllers/configs`: controller configs saved by name, deployed later by that name."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, status

from simulators.hummingbot.controller_configs import ConfigDocument
from simulators.hummingbot.state import Host

router = APIRouter(prefix="/controllers", tags=["Controllers"])


@router.get("/configs")
@router.get("/configs/", include_in_schema=False)
def list_controller_configs(state: Host) -> list[ConfigDocument]:
    """Every saved controller config."""
    return state.configs.all()


@router.get("/configs/{config_name}")
def get_controller_config(config_name: str, state: Host) -> ConfigDocument:
    """One saved controller config."""
    return state.configs.get(config_name)


@router.post("/configs/{config_name}", status_code=status.HTTP_201_CREATED)
def create_or_update_controller_config(
    config_name: str, config: dict[str, Any], state: Host
) -> dict[str, str]:
    """Save a controller config as given; it is validated when a bot is deployed with it."""
    state.configs.save(config_name, config)
    return {"message": f"Configuration '{config_name}' saved successfully"}


@router.delete("/configs/{config_name}")
def delete_controller_config(config_name: str, state: Host) -> dict[str, str]:
    """Delete a saved controller config."""
    state.configs.delete(config_name)
    return {"message": f"Configuration '{config_name}' deleted successfully"}
