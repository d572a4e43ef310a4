-- The adapter's projection of the control plane: accounts and their exchange connectors.
CREATE TABLE accounts (
    account text PRIMARY KEY,
    client_id uuid NOT NULL,
    name text NOT NULL DEFAULT '',
    on_host boolean NOT NULL DEFAULT false,
    deleted_at timestamptz,
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE connectors (
    connector_id uuid PRIMARY KEY,
    client_id uuid NOT NULL,
    account text NOT NULL,
    exchange text NOT NULL,
    version integer NOT NULL DEFAULT 0,
    removed_at timestamptz,
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX connectors_by_account ON connectors (account);

-- Bot definitions and their desired state.
CREATE TABLE bots (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    name text NOT NULL UNIQUE CHECK (name ~ '^[A-Za-z0-9_-]+$'),
    account text NOT NULL,
    connector_id uuid NOT NULL,
    exchange text NOT NULL DEFAULT '',
    trading_pair text NOT NULL,
    strategy text NOT NULL CHECK (strategy IN ('spread', 'dca')),
    config jsonb NOT NULL DEFAULT '{}'::jsonb,
    desired_state text NOT NULL DEFAULT 'stopped' CHECK (desired_state IN ('running', 'stopped')),
    -- Set when the bot's client or connector went away: the reconcile stops it on the host,
    -- then deletes the row.
    removing boolean NOT NULL DEFAULT false,
    -- Why the bot was asked to stop (recorded on its run when the stop happens).
    stop_reason text NOT NULL DEFAULT '',
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX bots_by_account ON bots (account, name);
CREATE INDEX bots_by_connector ON bots (connector_id);

-- One row per deployment on the host; at most one open run per bot.
CREATE TABLE bot_runs (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    bot_id uuid NOT NULL REFERENCES bots (id) ON DELETE CASCADE,
    instance_name text NOT NULL,
    config_name text NOT NULL DEFAULT '',
    started_at timestamptz NOT NULL DEFAULT now(),
    ended_at timestamptz,
    final_status text,
    stop_reason text NOT NULL DEFAULT '',
    final_performance jsonb NOT NULL DEFAULT '{}'::jsonb,
    trades_count integer,
    volume_quote numeric NOT NULL DEFAULT 0,
    pnl_quote numeric NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX bot_runs_one_open ON bot_runs (bot_id) WHERE ended_at IS NULL;
CREATE INDEX bot_runs_by_bot ON bot_runs (bot_id, started_at DESC);

-- What the host last said about each bot, written by the poll cycle only.
CREATE TABLE bot_runtime (
    bot_id uuid PRIMARY KEY REFERENCES bots (id) ON DELETE CASCADE,
    status text NOT NULL DEFAULT 'unknown',
    detail text NOT NULL DEFAULT '',
    last_seen_status text,
    performance jsonb NOT NULL DEFAULT '{}'::jsonb,
    recent_errors jsonb NOT NULL DEFAULT '[]'::jsonb,
    last_seen timestamptz,
    observed_at timestamptz NOT NULL DEFAULT now()
);
