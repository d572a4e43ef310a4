"""One error base class, one handler, one body shape: {"error": ClassName, "detail": text}.

Endpoints raise subclasses of AppError; unknown routes, wrong methods, malformed JSON and
payload validation answer in the same shape, and an unexpected exception answers 500 with the
request id and nothing of its internals.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any, ClassVar

from asyncpg.exceptions import CharacterNotInRepertoireError, UntranslatableCharacterError
from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from shared.logging import current_request_id

log = logging.getLogger(__name__)


class ErrorBody(BaseModel):
    error: str
    detail: str


class AppError(Exception):
    status_code: ClassVar[int] = 400

    def __init__(self, detail: str, *, headers: Mapping[str, str] | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        self.headers = dict(headers or {})

    @property
    def error(self) -> str:
        return type(self).__name__

    @classmethod
    def openapi(cls) -> dict[int | str, dict[str, Any]]:
        """The `responses=` entry that documents this error in OpenAPI."""
        return {cls.status_code: {"model": ErrorBody, "description": cls.__doc__ or cls.__name__}}


class BadRequest(AppError):
    """The request cannot be understood."""

    status_code = 400


class Unauthorized(AppError):
    """Missing, expired or invalid credentials."""

    status_code = 401


class Forbidden(AppError):
    """Authenticated, but not allowed to do this."""

    status_code = 403


class NotFound(AppError):
    """No such resource (or not yours)."""

    status_code = 404


class Conflict(AppError):
    """The request conflicts with the current state."""

    status_code = 409


class Unprocessable(AppError):
    """The payload is well-formed but not acceptable."""

    status_code = 422


class TooManyRequests(AppError):
    """Rate limit exceeded."""

    status_code = 429

    def __init__(self, detail: str, *, retry_after_s: int | None = None) -> None:
        headers = {"Retry-After": str(retry_after_s)} if retry_after_s is not None else None
        super().__init__(detail, headers=headers)


class DependencyUnavailable(AppError):
    """A dependency (database, NATS, exchange, Hummingbot) did not answer."""

    status_code = 503


def responses(*errors: type[AppError]) -> dict[int | str, dict[str, Any]]:
    """Merge the OpenAPI `responses=` entries of several errors."""
    merged: dict[int | str, dict[str, Any]] = {}
    for error in errors:
        merged.update(error.openapi())
    return merged


def error_response(status_code: int, error: str, detail: str, **extra: Any) -> JSONResponse:
    return JSONResponse({"error": error, "detail": detail, **extra}, status_code=status_code)


def _describe_validation(exc: RequestValidationError) -> tuple[bool, list[dict[str, Any]]]:
    malformed = any(err.get("type") == "json_invalid" for err in exc.errors())
    fields = [
        {
            "field": ".".join(str(p) for p in err.get("loc", ()) if p != "body"),
            "message": err["msg"],
        }
        for err in exc.errors()
    ]
    return malformed, fields


async def _app_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, AppError)
    response = error_response(exc.status_code, exc.error, exc.detail)
    response.headers.update(exc.headers)
    return response


async def _validation_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    malformed, fields = _describe_validation(exc)
    if malformed:
        return error_response(400, "MalformedRequest", "request body is not valid JSON")
    detail = "; ".join(f"{f['field'] or 'body'}: {f['message']}" for f in fields)
    return error_response(422, "ValidationError", detail, fields=fields)


async def _http_error(_: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    names = {404: "NotFound", 405: "MethodNotAllowed", 401: "Unauthorized", 403: "Forbidden"}
    name = names.get(exc.status_code, "HTTPError")
    detail = "no such route" if exc.status_code == 404 else str(exc.detail)
    return error_response(exc.status_code, name, detail)


def internal_error(exc: BaseException) -> JSONResponse:
    """Log an unexpected exception in full; answer the caller only its request id."""
    request_id = current_request_id()
    log.error("unhandled error", extra={"error_type": type(exc).__name__}, exc_info=exc)
    return error_response(500, "InternalError", f"internal error (request id {request_id})")


async def _unstorable_text(_: Request, exc: Exception) -> JSONResponse:
    # Text PostgreSQL cannot store (a NUL character) came from the caller, so it is a 422, and
    # the value itself (possibly a secret) is not repeated.
    return error_response(422, "ValidationError", "text contains a character that cannot be stored")


async def _unexpected_error(_: Request, exc: Exception) -> JSONResponse:
    return internal_error(exc)


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(AppError, _app_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    for unstorable in (CharacterNotInRepertoireError, UntranslatableCharacterError):
        app.add_exception_handler(unstorable, _unstorable_text)
    app.add_exception_handler(Exception, _unexpected_error)
