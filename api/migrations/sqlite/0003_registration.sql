-- Registration: codes from HR, the per-ID lock on wrong codes, and the
-- progress of a registration flow (contacts, their verification, answers).

CREATE TABLE registration_codes (
    employee_id  TEXT PRIMARY KEY REFERENCES employees (employee_id) ON DELETE CASCADE,
    code_hash    BLOB NOT NULL,           -- HMAC-SHA-256 of ID + code, keyed with the server secret
    issued_at    INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    used_at      INTEGER                  -- set when a registration completes with it
);

-- One row per submitted Employee ID, known or not (no enumeration).
CREATE TABLE registration_throttle (
    employee_id   TEXT PRIMARY KEY,
    failures      INTEGER NOT NULL,
    locked_until  INTEGER
);

CREATE TABLE registrations (
    flow_id          TEXT PRIMARY KEY REFERENCES flows (flow_id) ON DELETE CASCADE,
    mobile           TEXT,                -- E.164, as given in this flow
    mobile_verified  INTEGER NOT NULL DEFAULT 0,
    email            TEXT,
    email_verified   INTEGER NOT NULL DEFAULT 0,
    answers          TEXT                 -- JSON [{question_id, answer_hash}] once chosen
);
