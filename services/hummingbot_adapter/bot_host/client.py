"""The adapter's client of hummingbot-api: Basic auth, timeouts, retries and a circuit breaker.

Only idempotent calls are retried (reads, saving a config or a credential, stopping); a
deployment is sent once. Transport errors and 5xx answers count as failures for the breaker;
a 4xx is the host answering, and surfaces as `BotHostRefused` with the host's reason.
"""

from __future__ import annotations

from typing import Any

import httpx
from pydantic import SecretStr
from tenacity import (
    AsyncRetrying,
    retry_if_exception_type,
    stop_after_attempt,
    wait_exponential_jitter,
)

from services.hummingbot_adapter.bot_host.breaker import CircuitBreaker, CircuitOpen
from services.hummingbot_adapter.bot_host.schemas import Deployment, HostBotStatus
from shared.logging import redact_text


class BotHostUnavailable(Exception):
    """The bot host did not answer (timeout, connection refused, 5xx, or circuit open)."""


class BotHostRefused(Exception):
    """The bot host answered, and refused: the message is its reason."""


class _Transient(Exception):
    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class BotHostClient:
    def __init__(
        self,
        base_url: str,
        username: str,
        password: SecretStr,
        breaker: CircuitBreaker,
        *,
        read_timeout_s: float = 3.0,
        command_timeout_s: float = 30.0,
        connect_timeout_s: float = 2.0,
        retry_attempts: int = 3,
    ) -> None:
        self.breaker = breaker
        self._read_timeout = httpx.Timeout(read_timeout_s, connect=connect_timeout_s)
        self._command_timeout = httpx.Timeout(command_timeout_s, connect=connect_timeout_s)
        self._retry_attempts = retry_attempts
        self._http = httpx.AsyncClient(
            base_url=base_url.rstrip("/"),
            auth=httpx.BasicAuth(username, password.get_secret_value()),
            follow_redirects=True,
        )

    async def close(self) -> None:
        await self._http.aclose()

    # Bot orchestration

    async def bot_statuses(self) -> dict[str, HostBotStatus]:
        """Every bot the host knows, by instance name: one call for all of them."""
        body = await self._json("GET", "/bot-orchestration/status")
        data: dict[str, Any] = body.get("data") or {}
        return {name: HostBotStatus.model_validate(status) for name, status in data.items()}

    async def bot_status(self, instance: str) -> HostBotStatus | None:
        response = await self._send("GET", f"/bot-orchestration/{instance}/status", ok=(404,))
        if response.status_code == 404:
            return None
        data = response.json().get("data") or {}
        if data.get("status") == "not_found":
            return None
        return HostBotStatus.model_validate(data)

    async def deploy_controllers(self, instance: str, account: str, configs: list[str]) -> str:
        """Deploy (and so start) a bot running `configs` with `account`'s credentials;
        the host's unique instance name (`<instance>-<timestamp>`)."""
        deployment = {
            "instance_name": instance,
            "credentials_profile": account,
            "controllers_config": configs,
            "headless": True,
        }
        body = await self._json(
            "POST", "/bot-orchestration/deploy-v2-controllers", json=deployment, idempotent=False
        )
        answer = Deployment.model_validate(body)
        if not answer.success or not answer.unique_instance_name:
            raise BotHostRefused(f"deployment refused: {answer.message or 'no reason given'}")
        return answer.unique_instance_name

    async def stop_and_archive(self, instance: str, cancel_orders: bool = True) -> bool:
        """Stop a bot (cancelling its orders) and remove it; False when the host has no such bot."""
        body = await self._json(
            "POST",
            f"/bot-orchestration/stop-and-archive-bot/{instance}",
            params={"skip_order_cancellation": str(not cancel_orders).lower()},
        )
        return bool(body.get("status") == "success")

    # Controller configs and accounts

    async def save_controller_config(self, name: str, config: dict[str, Any]) -> None:
        await self._send("POST", f"/controllers/configs/{name}", json=config)

    async def delete_controller_config(self, name: str) -> None:
        await self._send("DELETE", f"/controllers/configs/{name}", ok=(404,))

    async def ensure_account(self, account: str) -> None:
        """Create the credentials profile; one that already exists is fine."""
        accounts = await self._json("GET", "/accounts/")
        if account not in accounts:
            await self._send("POST", "/accounts/add-account", params={"account_name": account})

    async def add_credential(self, account: str, connector: str, fields: dict[str, str]) -> None:
        """Save (or replace) a connector's credentials, with the connector's own field names."""
        await self._send("POST", f"/accounts/add-credential/{account}/{connector}", json=fields)

    async def delete_account(self, account: str) -> None:
        await self._send(
            "POST", "/accounts/delete-account", params={"account_name": account}, ok=(404,)
        )

    # Transport

    async def _json(self, method: str, path: str, **options: Any) -> Any:
        return (await self._send(method, path, **options)).json()

    async def _send(
        self,
        method: str,
        path: str,
        *,
        idempotent: bool = True,
        ok: tuple[int, ...] = (),
        **request: Any,
    ) -> httpx.Response:
        timeout = self._read_timeout if method == "GET" else self._command_timeout
        attempts = self._retry_attempts if idempotent else 1
        retrying = AsyncRetrying(
            stop=stop_after_attempt(attempts),
            wait=wait_exponential_jitter(multiplier=0.1, max=1.0, jitter=0.1),
            retry=retry_if_exception_type(_Transient),
            reraise=True,
        )
        try:
            async for attempt in retrying:
                with attempt:
                    response = await self._attempt(method, path, timeout_s=timeout, request=request)
        except _Transient as failure:
            raise BotHostUnavailable(f"bot host {method} {path}: {failure.reason}") from None
        if response.status_code >= 400 and response.status_code not in ok:
            raise BotHostRefused(f"bot host {method} {path}: {_reason(response)}")
        return response

    async def _attempt(
        self, method: str, path: str, *, timeout_s: httpx.Timeout, request: dict[str, Any]
    ) -> httpx.Response:
        try:
            self.breaker.before_call()
        except CircuitOpen as open_circuit:
            raise BotHostUnavailable(str(open_circuit)) from None
        try:
            response = await self._http.request(method, path, timeout=timeout_s, **request)
        except httpx.TransportError as error:
            self.breaker.record_failure()
            raise _Transient(type(error).__name__) from None
        except BaseException:
            self.breaker.record_abandoned()
            raise
        if response.status_code >= 500:
            self.breaker.record_failure()
            raise _Transient(f"answered {response.status_code}")
        self.breaker.record_success()
        return response


def _reason(response: httpx.Response) -> str:
    try:
        body = response.json()
    except ValueError:
        return f"answered {response.status_code}"
    detail = body.get("detail") if isinstance(body, dict) else None
    return redact_text(f"answered {response.status_code}: {detail or body}")
