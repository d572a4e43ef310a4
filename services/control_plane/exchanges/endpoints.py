from __future__ import annotations

from fastapi import APIRouter, Response

from services.control_plane.exchanges.catalogue import CCXT_VERSION, SUPPORTED
from services.control_plane.exchanges.schemas import Exchange, ExchangeList
from shared.auth import CurrentPrincipal
from shared.errors import Unauthorized, responses

router = APIRouter(prefix="/api/exchanges", tags=["exchanges"])

_LISTING = ExchangeList(
    ccxt_version=CCXT_VERSION,
    exchanges=[
        Exchange(id=info.id, name=info.name, required_credentials=list(info.required_credentials))
        for info in SUPPORTED.values()
    ],
)


# The listing never changes while the process runs: serialised once.
_LISTING_JSON = _LISTING.model_dump_json().encode()


@router.get("", response_model=ExchangeList, responses=responses(Unauthorized))
async def list_exchanges(_: CurrentPrincipal) -> Response:
    """Exchanges a key can be added for, with the credential fields each requires."""
    return Response(_LISTING_JSON, media_type="application/json")
