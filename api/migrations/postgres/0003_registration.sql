-- Registration: codes from HR, the per-ID lock on wrong codes, and the
-- progress of a registration flow (contacts, their verification, answers).

CREATE TABLE registration_codes (
    employee_id  TEXT PRIMARY KEY REFERENCES employees (employee_id) ON DELETE CASCADE,
    code_hash    BYTEA NOT NULL,           -- HMAC-SHA-256 of ID + code, keyed with the server secret
    issued_at    BIGINT NOT NULL,
    expires_at   BIGINT NOT NULL,
    used_at      BIGINT                   -- set when a registration completes with it
);

-- One row per submitted Employee ID, known or not (no enumeration).
CREATE TABLE registration_throttle (
    employee_id   TEXT PRIMARY KEY,
    failures      BIGINT NOT NULL,
    locked_until  BIGINT
);

CREATE TABLE registrations (
    flow_id          TEXT PRIMARY KEY REFERENCES flows (flow_id) ON DELETE CASCADE,
    mobile           TEXT,                -- E.164, as given in this flow
    mobile_verified  BIGINT NOT NULL DEFAULT 0,
    email            TEXT,
    email_verified   BIGINT NOT NULL DEFAULT 0,
    answers          TEXT                 -- JSON [{question_id, answer_hash}] once chosen
);
