"""The bot host failing: reads stay fast and say `unknown` with what was last seen; a crash on
the host reads `error` with its log lines; recovery needs no restart."""

from __future__ import annotations

from tests.integration.hummingbot_adapter.conftest import Client, spread_bot
from tests.support.control_plane import RunningControlPlane
from tests.support.hummingbot_adapter import RunningAdapter
from tests.support.hummingbot_simulator import HummingbotClient


async def test_host_down_reads_unknown_with_last_seen_then_recovers_without_restart(
    adapter: RunningAdapter,
    control_plane: RunningControlPlane,
    hummingbot: HummingbotClient,
    client: Client,
) -> None:
    admin = control_plane.admin_headers()
    bot = await adapter.create_bot(admin, **spread_bot(client))
    await adapter.command(bot["id"], "start", admin)
    seen = await adapter.wait_for_bot(bot["id"], admin, lambda b: b["status"] == "running")

    (await hummingbot.http.post("/sim/faults", json={"down": True})).raise_for_status()
    outage = await adapter.wait_for_bot(bot["id"], admin, lambda b: b["status"] == "unknown")
    listed = await adapter.http.get("/api/bots", headers=admin)
    (await hummingbot.http.delete("/sim/faults")).raise_for_status()
    back = await adapter.wait_for_bot(bot["id"], admin, lambda b: b["status"] == "running")

    assert outage["last_seen_status"] == "running"
    assert outage["last_seen"] >= seen["last_seen"]
    assert outage["status_detail"] == "bot host unreachable"
    assert listed.json()[0]["status"] == "unknown"
    assert back["last_seen"] > outage["last_seen"]


async def test_stop_while_host_down_answers_503_and_keeps_the_bot_running(
    adapter: RunningAdapter,
    control_plane: RunningControlPlane,
    hummingbot: HummingbotClient,
    client: Client,
) -> None:
    admin = control_plane.admin_headers()
    bot = await adapter.create_bot(admin, **spread_bot(client))
    await adapter.command(bot["id"], "start", admin)
    await adapter.wait_for_bot(bot["id"], admin, lambda b: b["status"] == "running")

    (await hummingbot.http.post("/sim/faults", json={"down": True})).raise_for_status()
    stop = await adapter.http.post(f"/api/bots/{bot['id']}/stop", headers=admin)
    (await hummingbot.http.delete("/sim/faults")).raise_for_status()

    assert stop.status_code == 503
    assert stop.json()["error"] == "DependencyUnavailable"
    after = await adapter.wait_for_bot(bot["id"], admin, lambda b: b["status"] == "running")
    assert after["desired_state"] == "running"


async def test_bot_crash_on_the_host_reads_error_with_the_hosts_log_lines(
    adapter: RunningAdapter,
    control_plane: RunningControlPlane,
    hummingbot: HummingbotClient,
    client: Client,
) -> None:
    admin = control_plane.admin_headers()
    bot = await adapter.create_bot(admin, **spread_bot(client))
    await adapter.command(bot["id"], "start", admin)
    await adapter.wait_for_bot(bot["id"], admin, lambda b: b["status"] == "running")
    [run] = await adapter.runs(bot["id"], admin)

    crash = await hummingbot.http.post(
        f"/sim/bots/{run['instance_name']}/crash", params={"reason": "order book feed lost"}
    )
    crash.raise_for_status()
    failed = await adapter.wait_for_bot(bot["id"], admin, lambda b: b["status"] == "error")

    assert "order book feed lost" in failed["status_detail"]
    assert any("order book feed lost" in line["message"] for line in failed["recent_errors"])
    restarted = await adapter.command(bot["id"], "start", admin)
    runs = await adapter.runs(bot["id"], admin)
    assert restarted["desired_state"] == "running"
    assert [r["final_status"] for r in runs] == [None, "error"]
    assert runs[1]["stop_reason"] == "restarted after error"


async def test_reading_bots_makes_no_call_to_the_host(
    adapter: RunningAdapter,
    control_plane: RunningControlPlane,
    hummingbot: HummingbotClient,
    client: Client,
) -> None:
    admin = control_plane.admin_headers()
    bot = await adapter.create_bot(admin, **spread_bot(client))
    await adapter.command(bot["id"], "start", admin)
    await adapter.wait_for_bot(bot["id"], admin, lambda b: b["status"] == "running")
    await adapter.app.state.poller.stop()
    (await hummingbot.http.delete("/sim/calls")).raise_for_status()

    for _ in range(5):
        (await adapter.http.get("/api/bots", headers=admin)).raise_for_status()
        await adapter.bot(bot["id"], admin)
        await adapter.runs(bot["id"], admin)
    calls = (await hummingbot.http.get("/sim/calls")).json()

    assert calls["total"] == 0, calls
