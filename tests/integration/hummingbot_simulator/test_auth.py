"""HTTP Basic auth guards every hummingbot-api route; the `/sim` controls need none."""

import httpx
import pytest

from tests.support.hummingbot_simulator import HummingbotClient

ROUTES = [
    ("GET", "/bot-orchestration/status"),
    ("GET", "/accounts/"),
    ("GET", "/controllers/configs"),
    ("POST", "/bot-orchestration/stop-bot"),
]


@pytest.mark.parametrize(("method", "path"), ROUTES)
async def test_api_routes_refuse_missing_or_wrong_credentials(
    hummingbot: HummingbotClient, method: str, path: str
) -> None:
    async with httpx.AsyncClient(base_url=hummingbot.base_url) as anonymous:
        missing = await anonymous.request(method, path)
        wrong = await anonymous.request(method, path, auth=("admin", "not-the-password"))

    assert missing.status_code == 401
    assert wrong.status_code == 401
    assert wrong.headers["www-authenticate"] == "Basic"


async def test_right_credentials_get_the_success_envelope(hummingbot: HummingbotClient) -> None:
    response = await hummingbot.http.get("/bot-orchestration/status")

    assert response.status_code == 200
    assert response.json() == {"status": "success", "data": {}}


async def test_simulator_controls_need_no_credentials(hummingbot: HummingbotClient) -> None:
    async with httpx.AsyncClient(base_url=hummingbot.base_url) as anonymous:
        response = await anonymous.get("/sim/calls")

    assert response.status_code == 200
