-- Clients (token projects) and the wallets they sign in with.
CREATE TABLE clients (
    id uuid PRIMARY KEY,
    name text NOT NULL,
    account_identifier text NOT NULL UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX clients_created ON clients (created_at, id);

-- `address` is the display form (EIP-55 for EVM); `address_key` the normalised form every
-- lookup uses. A wallet belongs to at most one client.
CREATE TABLE wallets (
    id uuid PRIMARY KEY,
    client_id uuid NOT NULL REFERENCES clients (id) ON DELETE CASCADE,
    chain text NOT NULL,
    address text NOT NULL,
    address_key text NOT NULL UNIQUE,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX wallets_client ON wallets (client_id);
