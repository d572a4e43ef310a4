"""Running the control plane CLI as an operator would: a subprocess with its environment."""

from __future__ import annotations

import asyncio
import os
import sys


async def run_cli(database_url: str, schema: str, keyring: str, *args: str) -> tuple[int, str]:
    """Exit code and combined output of `python -m services.control_plane.cli *args`."""
    env = {
        **os.environ,
        "DATABASE_URL": database_url,
        "CONTROL_PLANE_DB_SCHEMA": schema,
        "CONTROL_PLANE_KEYRING": keyring,
    }
    process = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "services.control_plane.cli",
        *args,
        env=env,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    output, _ = await process.communicate()
    assert process.returncode is not None
    return process.returncode, output.decode()
