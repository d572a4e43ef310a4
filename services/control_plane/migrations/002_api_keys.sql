-- Exchange API keys. Every secret field is AES-256-GCM ciphertext under keyring version
-- `key_version`, bound to (client id, key id, field). `version` is the connector's
-- configuration version: it grows on every change the bridge must apply.
CREATE TABLE api_keys (
    id uuid PRIMARY KEY,
    client_id uuid NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    exchange text NOT NULL,
    label text NOT NULL DEFAULT '',
    api_key_masked text NOT NULL DEFAULT '',
    key_version integer NOT NULL,
    api_key_enc bytea NOT NULL,
    api_secret_enc bytea NOT NULL,
    passphrase_enc bytea,
    uid_enc bytea,
    version integer NOT NULL DEFAULT 1,
    tracked_pairs text[] NOT NULL DEFAULT '{}',
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX api_keys_client ON api_keys (client_id, created_at);
CREATE INDEX api_keys_updated ON api_keys (updated_at);
CREATE INDEX api_keys_key_version ON api_keys (key_version);

-- The last status the bridge reported for a key (only for its current or a newer version).
CREATE TABLE connector_status (
    api_key_id uuid PRIMARY KEY REFERENCES api_keys (id) ON DELETE CASCADE,
    version integer NOT NULL,
    state text NOT NULL,
    detail text NOT NULL DEFAULT '',
    checked_at timestamptz NOT NULL,
    received_at timestamptz NOT NULL DEFAULT now()
);
