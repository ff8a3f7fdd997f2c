-- A PIN-reset link a Technical Support agent sent to one of the employee's
-- verified channels (after verifying the caller): opened, it starts a PIN
-- reset already proven by that channel, at the new-PIN step. Stored only as
-- the SHA-256 of its token; it works once, for 30 minutes.

CREATE TABLE desk_reset_links (
    token_hash   BYTEA PRIMARY KEY,
    employee_id  TEXT NOT NULL REFERENCES employees (employee_id) ON DELETE CASCADE,
    agent_id     TEXT NOT NULL,
    channel      TEXT NOT NULL CHECK (channel IN ('sms', 'email')),
    created_at   BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL,
    used_at      BIGINT
);
