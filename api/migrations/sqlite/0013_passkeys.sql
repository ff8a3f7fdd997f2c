-- Passkeys (WebAuthn). Each employee has one random WebAuthn user handle,
-- which a discoverable credential returns at sign-in and which names no one
-- outside this table. A credential keeps webauthn-rs's `Passkey` as JSON (its
-- COSE public key, sign count and backup flags), the name the employee gave
-- it, and when it was added and last used; My account lists it by a public
-- id. Challenges are single use (a sign-in or registration deletes its row as
-- it reads it), bound to what started them (the session, the sign-in flow or
-- the browser's `__Host-passkey` cookie, as a SHA-256), and expire in 5
-- minutes.

CREATE TABLE passkey_users (
    employee_id TEXT PRIMARY KEY REFERENCES employees (employee_id) ON DELETE CASCADE,
    user_handle BLOB NOT NULL UNIQUE
);

CREATE TABLE passkeys (
    credential_id BLOB PRIMARY KEY,
    public_id     TEXT NOT NULL UNIQUE,
    employee_id   TEXT NOT NULL REFERENCES employees (employee_id) ON DELETE CASCADE,
    name          TEXT NOT NULL,
    passkey       TEXT NOT NULL,
    created_at    INTEGER NOT NULL,
    last_used_at  INTEGER
);
CREATE INDEX passkeys_by_employee ON passkeys (employee_id);

CREATE TABLE passkey_challenges (
    challenge_id TEXT PRIMARY KEY,
    purpose      TEXT NOT NULL,
    bound_to     BLOB NOT NULL,
    employee_id  TEXT,
    state        TEXT NOT NULL,
    expires_at   INTEGER NOT NULL
);
CREATE INDEX passkey_challenges_by_expiry ON passkey_challenges (expires_at);
