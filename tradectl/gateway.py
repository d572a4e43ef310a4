"""The HTTP client of the gateway: JSON in, JSON out, and the API's errors as exceptions."""

from __future__ import annotations

from types import TracebackType
from typing import Any, Self

import httpx

Json = Any
Params = dict[str, str | int | None]


class GatewayError(Exception):
    """A call that did not succeed, described in one line."""


class ApiError(GatewayError):
    """The API answered an error body `{"error", "detail"}` with a status code."""

    def __init__(self, status: int, error: str, detail: str) -> None:
        super().__init__(f"{error}: {detail}" if detail else error)
        self.status = status
        self.error = error
        self.detail = detail

    @classmethod
    def of(cls, response: httpx.Response) -> ApiError:
        try:
            body = response.json()
        except ValueError:
            body = None
        if isinstance(body, dict) and "error" in body:
            return cls(response.status_code, str(body["error"]), str(body.get("detail") or ""))
        return cls(response.status_code, f"HTTP {response.status_code}", response.text[:200])


class GatewayUnreachable(GatewayError):
    """No answer from the gateway at all."""


class Gateway:
    """Calls to one gateway, with a bearer token when there is one."""

    def __init__(self, url: str, token: str | None = None, timeout_s: float = 30.0) -> None:
        headers = {"Authorization": f"Bearer {token}"} if token else {}
        self.url = url
        self._http = httpx.Client(base_url=url, headers=headers, timeout=timeout_s)

    def get(self, path: str, params: Params | None = None) -> Json:
        return self.request("GET", path, params=params)

    def post(self, path: str, body: Json = None) -> Json:
        return self.request("POST", path, body=body)

    def request(
        self, method: str, path: str, *, params: Params | None = None, body: Json = None
    ) -> Json:
        """The decoded JSON answer (None for an empty one); raises a GatewayError otherwise."""
        query = {name: value for name, value in (params or {}).items() if value is not None}
        try:
            response = self._http.request(method, path, params=query, json=body)
        except httpx.HTTPError as exc:
            reason = str(exc) or type(exc).__name__
            raise GatewayUnreachable(f"no answer from {self.url}: {reason}") from exc
        if response.is_error:
            raise ApiError.of(response)
        return response.json() if response.content else None

    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()
