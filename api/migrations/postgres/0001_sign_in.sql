-- Sign-in: employees, lockout counters, flows, one-time PINs, sessions, audit,
-- and the dev outbox. Times are Unix seconds (BIGINT) on both backends.

CREATE TABLE employees (
    employee_id      TEXT PRIMARY KEY,
    first_name       TEXT NOT NULL,
    last_name        TEXT NOT NULL,
    pin_hash         TEXT,                -- argon2id PHC string; NULL until registered
    mobile           TEXT,                -- E.164
    mobile_verified  BIGINT NOT NULL DEFAULT 0,
    email            TEXT,
    email_verified   BIGINT NOT NULL DEFAULT 0,
    status           TEXT NOT NULL CHECK (status IN ('active', 'pending', 'disabled')),
    last_sign_in_at  BIGINT,
    created_at       BIGINT NOT NULL
);

-- One row per submitted Employee ID, known or not (PRODUCT.md: no enumeration).
CREATE TABLE login_throttle (
    employee_id   TEXT PRIMARY KEY,
    attempts      BIGINT NOT NULL,       -- consecutive failures plus checks in flight
    locked_until  BIGINT
);

CREATE TABLE address_throttle (
    address       TEXT PRIMARY KEY,
    failures      BIGINT NOT NULL,
    window_start  BIGINT NOT NULL
);

CREATE TABLE flows (
    flow_id      TEXT PRIMARY KEY,
    kind         TEXT NOT NULL CHECK (kind IN ('login')),
    cookie_hash  BYTEA NOT NULL,           -- SHA-256 of the __Host-flow cookie
    employee_id  TEXT NOT NULL REFERENCES employees (employee_id) ON DELETE CASCADE,
    completed    BIGINT NOT NULL DEFAULT 0,
    sends        BIGINT NOT NULL DEFAULT 0,
    last_sent_at BIGINT,
    created_at   BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL
);

CREATE TABLE one_time_codes (
    flow_id     TEXT PRIMARY KEY REFERENCES flows (flow_id) ON DELETE CASCADE,
    channel     TEXT NOT NULL CHECK (channel IN ('sms', 'email')),
    code_hash   BYTEA NOT NULL,            -- HMAC-SHA-256 keyed with the server secret
    sent_at     BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL,
    failures    BIGINT NOT NULL DEFAULT 0,
    used        BIGINT NOT NULL DEFAULT 0
);

CREATE TABLE sessions (
    token_hash           BYTEA PRIMARY KEY, -- SHA-256 of the session cookie
    employee_id          TEXT NOT NULL REFERENCES employees (employee_id) ON DELETE CASCADE,
    created_at           BIGINT NOT NULL,
    previous_sign_in_at  BIGINT,              -- shown on the home hub
    idle_expires_at      BIGINT NOT NULL,
    absolute_expires_at  BIGINT NOT NULL
);
CREATE INDEX sessions_by_employee ON sessions (employee_id);

CREATE TABLE audit_events (
    id              BIGSERIAL PRIMARY KEY,
    at              BIGINT NOT NULL,
    kind            TEXT NOT NULL,
    employee_id     TEXT,                 -- as submitted
    client_address  TEXT,
    detail          TEXT
);
CREATE INDEX audit_events_by_employee ON audit_events (employee_id, at);

CREATE TABLE dev_outbox (
    id           BIGSERIAL PRIMARY KEY,
    created_at   BIGINT NOT NULL,
    channel      TEXT NOT NULL,
    destination  TEXT NOT NULL,
    employee_id  TEXT NOT NULL,
    code         TEXT,
    body         TEXT NOT NULL
);
