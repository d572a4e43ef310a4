-- Fills (the account's own trades) synced from each connector's exchange.
-- One row per exchange trade: the primary key makes repeated and concurrent syncs idempotent.
CREATE TABLE fills (
    connector_id uuid NOT NULL,
    trade_id text NOT NULL,
    account text NOT NULL,
    exchange text NOT NULL,
    symbol text NOT NULL,
    base text NOT NULL,
    quote text NOT NULL,
    side text NOT NULL CHECK (side IN ('buy', 'sell')),
    price numeric NOT NULL,
    amount numeric NOT NULL,
    cost numeric NOT NULL,
    fee_cost numeric,
    fee_currency text,
    order_id text,
    taker_or_maker text CHECK (taker_or_maker IN ('taker', 'maker')),
    executed_at timestamptz NOT NULL,
    synced_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (connector_id, trade_id)
);

CREATE INDEX fills_account_symbol_time ON fills (account, symbol, executed_at);
CREATE INDEX fills_account_time ON fills (account, executed_at);
