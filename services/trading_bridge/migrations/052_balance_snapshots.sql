-- Periodic snapshots of each connector's balances and their USD value at that time.
-- total_usd covers priced assets only; unpriced_assets names the ones left out.
CREATE TABLE balance_snapshots (
    id bigserial PRIMARY KEY,
    connector_id uuid NOT NULL,
    account text NOT NULL,
    exchange text NOT NULL,
    taken_at timestamptz NOT NULL DEFAULT now(),
    total_usd numeric NOT NULL DEFAULT 0,
    unpriced_assets text[] NOT NULL DEFAULT '{}'
);

CREATE INDEX balance_snapshots_account_time ON balance_snapshots (account, taken_at);

CREATE TABLE balance_snapshot_assets (
    snapshot_id bigint NOT NULL REFERENCES balance_snapshots (id) ON DELETE CASCADE,
    asset text NOT NULL,
    total numeric NOT NULL,
    price_usd numeric,
    value_usd numeric,
    PRIMARY KEY (snapshot_id, asset)
);
