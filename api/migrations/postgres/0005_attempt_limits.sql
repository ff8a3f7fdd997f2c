-- One table for every limit the attempts guard keeps (api/src/auth/attempts.rs):
-- per submitted Employee ID, per client address, per ID's registration code,
-- and the message caps per employee and channel. An attempt is counted when it
-- is taken, before any secret is compared, and given back only when it passes:
-- a request that dies mid-check stays counted, and a lock always has an end.

CREATE TABLE attempt_limits (
    scope      TEXT NOT NULL,            -- which limit: employee_id, address, registration_code, …
    subject    TEXT NOT NULL,            -- as submitted: an Employee ID, an address (IPv6 by /64)
    taken      BIGINT NOT NULL,         -- attempts counted (failures and checks in flight)
    resets_at  BIGINT,                  -- when the count starts over; NULL: at the next success
    grant_id   TEXT,                     -- the attempt last granted, so its taker knows
    PRIMARY KEY (scope, subject)
);
CREATE INDEX attempt_limits_by_reset ON attempt_limits (resets_at);

-- Locks in force carry over; counts without a lock start again.
INSERT INTO attempt_limits (scope, subject, taken, resets_at)
    SELECT 'employee_id', employee_id, attempts, locked_until FROM login_throttle
    WHERE locked_until IS NOT NULL;
INSERT INTO attempt_limits (scope, subject, taken, resets_at)
    SELECT 'registration_code', employee_id, failures, locked_until FROM registration_throttle
    WHERE locked_until IS NOT NULL;
DROP TABLE login_throttle;
DROP TABLE address_throttle;
DROP TABLE registration_throttle;

-- A flow is bound to the facts it was opened on: a digest of the employee's
-- status and PIN hash then. A flow whose employee was disabled, or whose PIN
-- changed, since is over. Flows from before this column are over too.
ALTER TABLE flows ADD COLUMN bound_to BYTEA;

-- Readiness writes one row: a store that refuses writes (read-only, full) is
-- not ready, though it still answers reads.
CREATE TABLE readiness (
    id          BIGINT PRIMARY KEY,
    checked_at  BIGINT NOT NULL
);
