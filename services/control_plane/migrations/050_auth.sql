-- Identity: operators' accounts, single-use Sign-In With Ethereum nonces, login rate windows.

CREATE TABLE admins (
    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    username text NOT NULL UNIQUE,
    password_hash text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE login_nonces (
    nonce text PRIMARY KEY,
    address text NOT NULL CHECK (address = lower(address)),
    chain_id bigint NOT NULL,
    issued_at timestamptz NOT NULL DEFAULT now(),
    expires_at timestamptz NOT NULL,
    used_at timestamptz
);

CREATE INDEX login_nonces_expires_at ON login_nonces (expires_at);

-- One row per throttled key (an IP or a login name, per endpoint): a fixed one-minute window.
CREATE TABLE login_attempts (
    key text PRIMARY KEY,
    window_start timestamptz NOT NULL,
    attempts integer NOT NULL DEFAULT 1
);

CREATE INDEX login_attempts_window_start ON login_attempts (window_start);
