-- The desk's verification of a caller: a one-time PIN sent to one of the
-- employee's verified channels, read back to the agent. It belongs to one
-- agent and one employee; once read back right it holds for 15 minutes
-- (`verified_until`), and only that agent may act on that employee with it.
-- Wrong read-backs count in `attempt_limits` (scope `desk_read_back`, per
-- employee), not here: three lock the employee's verification for everyone.

CREATE TABLE desk_verifications (
    verification_id  TEXT PRIMARY KEY,
    agent_id         TEXT NOT NULL REFERENCES employees (employee_id) ON DELETE CASCADE,
    employee_id      TEXT NOT NULL REFERENCES employees (employee_id) ON DELETE CASCADE,
    channel          TEXT NOT NULL CHECK (channel IN ('sms', 'email')),
    code_hash        BLOB NOT NULL,     -- HMAC-SHA-256 keyed with the server secret
    sent_at          BIGINT NOT NULL,
    code_expires_at  BIGINT NOT NULL,
    used             INTEGER NOT NULL DEFAULT 0,
    verified_until   BIGINT
);
CREATE INDEX desk_verifications_by_pair ON desk_verifications (agent_id, employee_id, sent_at);

-- The desk's counters for `/metrics` (verifications sent, passed, failed;
-- actions by kind): counted in the transaction of what they count, so every
-- instance reports the same totals and a purge of old audit events does not
-- make a counter go back.
CREATE TABLE desk_counters (
    name   TEXT PRIMARY KEY,
    total  BIGINT NOT NULL
);
