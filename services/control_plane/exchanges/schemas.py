from __future__ import annotations

from pydantic import BaseModel


class Exchange(BaseModel):
    id: str
    name: str
    required_credentials: list[str]


class ExchangeList(BaseModel):
    ccxt_version: str
    exchanges: list[Exchange]
