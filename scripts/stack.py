"""What `make run` starts: ports, generated secrets, each process's command and environment.

The same plan serves `make run` and the end-to-end tests (which point `STACK_DATA_DIR` at a
temporary folder and let every port float). Secrets are generated once and kept in
`<data dir>/secrets.json` (never committed), so a second start reuses the same keys and data.
"""

from __future__ import annotations

import json
import os
import secrets
import sys
from dataclasses import asdict, dataclass
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from eth_account import Account

from scripts.embedded import free_port
from shared.auth import private_key_text, public_key_text
from shared.keyring import Keyring

ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class StackSecrets:
    jwt_private_key: str
    keyring: str
    service_token: str
    admin_username: str
    admin_password: str
    hummingbot_password: str
    demo_wallet_private_key: str
    demo_exchange_api_key: str
    demo_exchange_api_secret: str

    @staticmethod
    def generate() -> dict[str, str]:
        return {
            "jwt_private_key": private_key_text(Ed25519PrivateKey.generate()),
            "keyring": Keyring.generate_entry(1),
            "service_token": secrets.token_urlsafe(32),
            "admin_username": "admin",
            "admin_password": secrets.token_urlsafe(12),
            "hummingbot_password": secrets.token_urlsafe(12),
            "demo_wallet_private_key": Account.create().key.hex(),
            "demo_exchange_api_key": secrets.token_hex(32),
            "demo_exchange_api_secret": secrets.token_hex(32),
        }

    @classmethod
    def load_or_create(cls, path: Path) -> StackSecrets:
        """Secrets kept in `path`; any missing (first run, older file) are generated and kept."""
        kept = json.loads(path.read_text()) if path.exists() else {}
        complete = cls.generate() | kept
        if complete != kept:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(complete, indent=2))
            path.chmod(0o600)
        stored = cls(**{name: complete[name] for name in cls.__dataclass_fields__})
        overrides = {
            "admin_username": os.environ.get("ADMIN_USERNAME"),
            "admin_password": os.environ.get("ADMIN_PASSWORD"),
        }
        return cls(**(asdict(stored) | {k: v for k, v in overrides.items() if v}))

    @property
    def jwt_public_key(self) -> str:
        from shared.auth import load_private_key

        return public_key_text(load_private_key(self.jwt_private_key).public_key())

    @property
    def demo_wallet_address(self) -> str:
        return str(Account.from_key(self.demo_wallet_private_key).address)


@dataclass(frozen=True)
class Ports:
    gateway: int
    control_plane: int
    trading_bridge: int
    hummingbot_adapter: int
    exchange_simulator: int
    hummingbot_simulator: int

    @classmethod
    def choose(cls) -> Ports:
        """The usual ports, or the next free ones; each env override wins."""

        def pick(env: str, usual: int) -> int:
            return free_port(int(os.environ.get(env, usual)))

        return cls(
            gateway=pick("GATEWAY_PORT", 8000),
            control_plane=pick("CONTROL_PLANE_PORT", 8001),
            trading_bridge=pick("TRADING_BRIDGE_PORT", 8002),
            hummingbot_adapter=pick("HUMMINGBOT_ADAPTER_PORT", 8003),
            exchange_simulator=pick("SIM_EXCHANGE_PORT", 9100),
            hummingbot_simulator=pick("SIM_HUMMINGBOT_PORT", 9200),
        )


def local(port: int) -> str:
    return f"http://127.0.0.1:{port}"


@dataclass(frozen=True)
class Stack:
    data_dir: Path
    ports: Ports
    secrets: StackSecrets
    database_url: str
    nats_url: str

    @property
    def gateway_url(self) -> str:
        return local(self.ports.gateway)

    def environment(self) -> dict[str, str]:
        """Every setting the services and simulators read, for this stack."""
        p, s = self.ports, self.secrets
        return {
            "PYTHONUNBUFFERED": "1",
            "DATABASE_URL": self.database_url,
            "NATS_URL": self.nats_url,
            "INTERNAL_SERVICE_TOKEN": s.service_token,
            "JWT_PUBLIC_KEY": s.jwt_public_key,
            "CONTROL_PLANE_JWT_PRIVATE_KEY": s.jwt_private_key,
            "CONTROL_PLANE_KEYRING": s.keyring,
            "CONTROL_PLANE_SIWE_DOMAIN": f"localhost:{p.gateway}",
            "CONTROL_PLANE_SIWE_URI": f"http://localhost:{p.gateway}",
            "ADMIN_USERNAME": s.admin_username,
            "ADMIN_PASSWORD": s.admin_password,
            "TRADING_BRIDGE_CONTROL_PLANE_URL": local(p.control_plane),
            "EXCHANGE_URL_OVERRIDES": f"binance={local(p.exchange_simulator)}",
            "HUMMINGBOT_ADAPTER_CONTROL_PLANE_URL": local(p.control_plane),
            "HUMMINGBOT_ADAPTER_HUMMINGBOT_URL": local(p.hummingbot_simulator),
            "HUMMINGBOT_ADAPTER_HUMMINGBOT_USERNAME": "admin",
            "HUMMINGBOT_ADAPTER_HUMMINGBOT_PASSWORD": s.hummingbot_password,
            "HUMMINGBOT_API_USERNAME": "admin",
            "HUMMINGBOT_API_PASSWORD": s.hummingbot_password,
            "GATEWAY_PORT": str(p.gateway),
            "CONTROL_PLANE_UPSTREAM": f"127.0.0.1:{p.control_plane}",
            "TRADING_BRIDGE_UPSTREAM": f"127.0.0.1:{p.trading_bridge}",
            "HUMMINGBOT_ADAPTER_UPSTREAM": f"127.0.0.1:{p.hummingbot_adapter}",
        }

    def processes(self) -> dict[str, str]:
        """Name → command line for the supervisor."""
        python, p = sys.executable, self.ports
        bin_dir = Path(python).parent
        return {
            "gateway": f"{bin_dir / 'caddy'} run --adapter caddyfile "
            f"--config {ROOT / 'gateway' / 'Caddyfile'}",
            "control-plane": f"{python} -m services.control_plane --port {p.control_plane}",
            "trading-bridge": f"{python} -m services.trading_bridge --port {p.trading_bridge}",
            "hummingbot-adapter": f"{python} -m services.hummingbot_adapter "
            f"--port {p.hummingbot_adapter}",
            "exchange-sim": f"{python} -m simulators.exchange --port {p.exchange_simulator} "
            f"--config {ROOT / 'simulators' / 'exchange' / 'demo.json'}",
            "hummingbot-sim": f"{python} -m simulators.hummingbot --port {p.hummingbot_simulator} "
            f"--exchange-url {local(p.exchange_simulator)}",
        }
