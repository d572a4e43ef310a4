"""A key as the API shows it: masked, with the bridge's last word on its current version."""

from __future__ import annotations

from services.control_plane.api_keys.records import KeyRecord
from services.control_plane.api_keys.schemas import ApiKey


def present(key: KeyRecord) -> ApiKey:
    current = key.status_is_current()
    failed = current and key.state != "ready"
    return ApiKey(
        id=key.id,
        client_id=key.client_id,
        exchange=key.exchange,
        label=key.label,
        api_key_masked=key.api_key_masked,
        version=key.version,
        tracked_pairs=key.tracked_pairs,
        status=key.state if current and key.state else "pending",
        last_checked_at=key.checked_at,
        last_error=(key.detail or key.state) if failed else None,
        created_at=key.created_at,
        updated_at=key.updated_at,
    )
