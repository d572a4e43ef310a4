"""`make run`: the whole stack under one supervisor (honcho); Ctrl-C stops every process.

PostgreSQL (pgserver, data under `.data/postgres`) and NATS JetStream (store under
`.data/nats`) are embedded unless `DATABASE_URL` / `NATS_URL` name servers of your own.
"""

from __future__ import annotations

import os
import sys
import threading
from pathlib import Path

from honcho.manager import Manager
from honcho.printer import Printer

from scripts.embedded import free_port, nats_binary, start_postgres
from scripts.stack import ROOT, Ports, Stack, StackSecrets


def data_dir() -> Path:
    return Path(os.environ.get("STACK_DATA_DIR", ROOT / ".data")).resolve()


def plan_stack(data: Path) -> tuple[Stack, dict[str, str]]:
    """The stack, plus the extra processes (embedded NATS) it needs."""
    extra: dict[str, str] = {}
    database_url = os.environ.get("DATABASE_URL") or start_postgres(data / "postgres")
    nats_url = os.environ.get("NATS_URL", "")
    if not nats_url:
        port = free_port(int(os.environ.get("NATS_PORT", 4222)))
        nats_url = f"nats://127.0.0.1:{port}"
        extra["nats"] = f"{nats_binary()} -js -sd {data / 'nats'} -a 127.0.0.1 -p {port}"
    secrets = StackSecrets.load_or_create(data / "secrets.json")
    return Stack(data, Ports.choose(), secrets, database_url, nats_url), extra


def main() -> int:
    data = data_dir()
    stack, extra = plan_stack(data)
    environment = os.environ | stack.environment()
    manager = Manager(Printer(sys.stdout))
    for name, command in (extra | stack.processes()).items():
        manager.add_process(name, command, env=environment, cwd=str(ROOT))
    if os.environ.get("STACK_DEMO", "1") == "1":
        from scripts.demo import load_demo_when_ready

        threading.Thread(target=load_demo_when_ready, args=(stack,), daemon=True).start()
    print(f"Starting the stack; gateway will be at {stack.gateway_url}", flush=True)
    manager.loop()
    return int(manager.returncode or 0)


if __name__ == "__main__":
    sys.exit(main())
