"""Run a service process: JSON logging, then uvicorn on the service's app factory."""

from __future__ import annotations

import argparse
import os
from collections.abc import Callable

import uvicorn
from fastapi import FastAPI

from shared.logging import configure_logging


def run_service(name: str, factory: Callable[[], FastAPI], default_port: int) -> None:
    parser = argparse.ArgumentParser(prog=f"python -m services.{name.replace('-', '_')}")
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=default_port)
    args = parser.parse_args()
    configure_logging(name, os.environ.get("LOG_LEVEL", "INFO"))
    uvicorn.run(
        factory,
        factory=True,
        host=args.host,
        port=args.port,
        log_config=None,
        access_log=False,
        lifespan="on",
    )
