"""docker-compose.yml cannot run here (no Docker engine), so it is checked statically: against
the Compose Specification schema, and against what each service's settings actually read."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml
from pydantic import AliasChoices
from pydantic_settings import BaseSettings

from services.control_plane.settings import ControlPlaneSettings
from services.hummingbot_adapter.settings import HummingbotAdapterSettings
from services.trading_bridge.settings import TradingBridgeSettings

ROOT = Path(__file__).resolve().parents[2]
# The Compose Specification JSON schema, as shipped in the docker-compose 1.29.2 wheel (PyPI).
SCHEMA = ROOT / "tests" / "fixtures" / "compose-spec.json"
SERVICES: dict[str, tuple[type[BaseSettings], int]] = {
    "control-plane": (ControlPlaneSettings, 8001),
    "trading-bridge": (TradingBridgeSettings, 8002),
    "hummingbot-adapter": (HummingbotAdapterSettings, 8003),
}
REQUIRED = {"DATABASE_URL", "NATS_URL", "INTERNAL_SERVICE_TOKEN", "JWT_PUBLIC_KEY"}


@pytest.fixture(scope="module")
def compose() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    return loaded


def env_names(settings: type[BaseSettings]) -> set[str]:
    """Every environment variable name a settings class reads."""
    prefix = str(settings.model_config.get("env_prefix", ""))
    names = set()
    for name, field in settings.model_fields.items():
        alias = field.validation_alias
        if isinstance(alias, AliasChoices):
            names |= {str(choice).upper() for choice in alias.choices}
        elif isinstance(alias, str):
            names.add(alias.upper())
        else:
            names.add(f"{prefix}{name}".upper())
    return names


def test_compose_file_matches_the_compose_specification(compose: dict[str, Any]) -> None:
    jsonschema.validate(compose, json.loads(SCHEMA.read_text()))


@pytest.mark.parametrize("service", sorted(SERVICES))
def test_every_variable_a_service_is_given_is_one_its_settings_read(
    compose: dict[str, Any], service: str
) -> None:
    settings, _ = SERVICES[service]
    given = set(compose["services"][service]["environment"])
    assert given - env_names(settings) == set()
    assert given >= REQUIRED


@pytest.mark.parametrize("service", sorted(SERVICES))
def test_service_port_agrees_in_command_expose_healthcheck_and_gateway(
    compose: dict[str, Any], service: str
) -> None:
    _, port = SERVICES[service]
    definition = compose["services"][service]
    command = definition["command"]
    assert command[command.index("--port") + 1] == str(port)
    assert definition["expose"] == [str(port)]
    assert f"127.0.0.1:{port}/health" in " ".join(definition["healthcheck"]["test"])
    upstream = service.upper().replace("-", "_") + "_UPSTREAM"
    assert compose["services"]["gateway"]["environment"][upstream] == f"{service}:{port}"


def test_gateway_mounts_the_same_caddyfile_make_run_uses(compose: dict[str, Any]) -> None:
    volumes = compose["services"]["gateway"]["volumes"]
    assert "./gateway/Caddyfile:/etc/caddy/Caddyfile:ro" in volumes
    caddyfile = (ROOT / "gateway" / "Caddyfile").read_text()
    for upstream in re.findall(r"\{\$(\w+_UPSTREAM)", caddyfile):
        assert upstream in compose["services"]["gateway"]["environment"]
