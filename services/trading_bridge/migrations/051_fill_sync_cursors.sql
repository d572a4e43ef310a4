-- Where each (connector, symbol) fill sync stands. Cursors only move forward (GREATEST), in the
-- same transaction as the fills they cover, so a crash or a concurrent sync never skips a fill.
CREATE TABLE fill_sync_cursors (
    connector_id uuid NOT NULL,
    symbol text NOT NULL,
    account text NOT NULL,
    next_from_id bigint,
    since_ms bigint,
    synced_at timestamptz,
    attempted_at timestamptz,
    error text,
    PRIMARY KEY (connector_id, symbol)
);
