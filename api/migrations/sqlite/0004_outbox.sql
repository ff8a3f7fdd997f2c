-- The transactional outbox: every message (one-time PINs, notices) is a row
-- written in the same transaction as the change that causes it, and a worker
-- delivers it. It replaces the dev outbox table: in demo mode the dev outbox
-- is the rows of the channels without a real backend.
DROP TABLE dev_outbox;

CREATE TABLE outbox (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    created_at       INTEGER NOT NULL,
    channel          TEXT NOT NULL CHECK (channel IN ('sms', 'email')),
    destination      TEXT NOT NULL,
    employee_id      TEXT NOT NULL,
    -- the flow a code belongs to: a newer code for it drops this one
    flow_id          TEXT,
    -- which message: sign_in_code, pin_reset_code, registration_code,
    -- pin_changed, welcome
    template         TEXT NOT NULL,
    language         TEXT NOT NULL,
    -- a code message: the code sealed with a key derived from the server key
    -- (never stored in the clear), and when the code expires; wiped once the
    -- message is delivered, failed or dropped
    sealed_code      BLOB,
    code_expires_at  INTEGER,
    ttl_minutes      INTEGER NOT NULL DEFAULT 0,
    status           TEXT NOT NULL DEFAULT 'queued'
                     CHECK (status IN ('queued', 'sending', 'sent', 'failed', 'dropped')),
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  INTEGER NOT NULL,
    -- the worker holding a 'sending' row, and until when; an expired lease
    -- (a worker that died mid-send) lets another worker claim the row again
    lease_owner      TEXT,
    lease_until      INTEGER,
    finished_at      INTEGER,
    last_error       TEXT
);
CREATE INDEX outbox_due ON outbox (status, next_attempt_at);
CREATE INDEX outbox_by_flow ON outbox (flow_id);
