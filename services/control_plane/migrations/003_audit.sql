-- Who did what to which client and key. No foreign keys: the record outlives what it names.
-- `details` holds non-secret facts only (exchange, label, versions, masked key).
CREATE TABLE audit_log (
    id bigserial PRIMARY KEY,
    occurred_at timestamptz NOT NULL DEFAULT now(),
    actor_subject text NOT NULL,
    actor_role text NOT NULL,
    action text NOT NULL,
    target_type text NOT NULL,
    target_id text NOT NULL,
    client_id uuid,
    request_id text NOT NULL DEFAULT '-',
    details jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_client ON audit_log (client_id, id DESC);
