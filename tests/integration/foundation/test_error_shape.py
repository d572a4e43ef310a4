"""Every error a caller can provoke answers `{"error", "detail"}` with the right 4xx."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from fastapi import APIRouter
from pydantic import BaseModel, Field

from shared.app import create_service_app
from shared.config import ServiceSettings
from shared.db import DbConn
from shared.errors import Conflict, responses
from tests.support.servers import serve


class Order(BaseModel):
    symbol: str = Field(min_length=3)
    amount: float = Field(gt=0)


router = APIRouter()


@router.post("/api/orders", responses=responses(Conflict))
async def place(order: Order) -> dict[str, str]:
    """Place an order (a test route)."""
    if order.symbol == "DUP":
        raise Conflict("order already exists")
    return {"symbol": order.symbol}


@router.get("/api/echo")
async def echo(text: str, conn: DbConn) -> dict[str, str]:
    """Round-trips `text` through PostgreSQL (a test route)."""
    return {"text": await conn.fetchval("SELECT $1::text", text)}


@router.get("/api/boom")
async def boom() -> None:
    """Fails unexpectedly (a test route)."""
    raise RuntimeError("secret internals: password=hunter2")


@pytest.fixture
async def http(
    database_url: str, fresh_streams: str, schema_suffix: str, tmp_path: Path
) -> AsyncIterator[httpx.AsyncClient]:
    settings = ServiceSettings(
        database_url=database_url, nats_url=fresh_streams, db_schema=f"err_{schema_suffix}"
    )
    app = create_service_app(
        name="errors", title="errors", settings=settings, migrations=tmp_path, routers=[router]
    )
    async with serve(app) as url, httpx.AsyncClient(base_url=url) as client:
        yield client


async def test_malformed_json_answers_400(http: httpx.AsyncClient) -> None:
    response = await http.post(
        "/api/orders", content=b'{"symbol": "BTC",', headers={"content-type": "application/json"}
    )
    assert response.status_code == 400
    assert response.json() == {
        "error": "MalformedRequest",
        "detail": "request body is not valid JSON",
    }


async def test_wrong_types_answer_422_naming_each_field(http: httpx.AsyncClient) -> None:
    response = await http.post("/api/orders", json={"symbol": "X", "amount": "lots"})
    body = response.json()
    assert response.status_code == 422
    assert body["error"] == "ValidationError"
    assert {f["field"] for f in body["fields"]} == {"symbol", "amount"}


async def test_domain_error_answers_its_status(http: httpx.AsyncClient) -> None:
    response = await http.post("/api/orders", json={"symbol": "DUP", "amount": 1})
    assert response.status_code == 409
    assert response.json() == {"error": "Conflict", "detail": "order already exists"}


async def test_text_postgresql_cannot_store_answers_422_without_echoing_it(
    http: httpx.AsyncClient,
) -> None:
    response = await http.get("/api/echo", params={"text": "secret\x00value"})
    assert response.status_code == 422
    assert response.json()["error"] == "ValidationError"
    assert "secret" not in response.text


async def test_unknown_route_answers_404(http: httpx.AsyncClient) -> None:
    response = await http.get("/api/nowhere")
    assert response.status_code == 404
    assert response.json()["error"] == "NotFound"


async def test_unexpected_error_answers_500_with_request_id_and_no_internals(
    http: httpx.AsyncClient,
) -> None:
    response = await http.get("/api/boom", headers={"x-request-id": "req-123"})
    assert response.status_code == 500
    assert response.json() == {
        "error": "InternalError",
        "detail": "internal error (request id req-123)",
    }
    assert "hunter2" not in response.text
