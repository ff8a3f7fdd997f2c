-- Remember this device: after a right one-time PIN an employee may let this
-- browser skip the one-time PIN for a while (UPSERS_REMEMBER_DEVICE_DAYS).
-- The browser keeps a random token in its own `__Host-device` cookie; the
-- store keeps only its SHA-256, bound to the employee (one browser on a
-- shared PC may be remembered for several employees, one row each). A PIN
-- change or reset deletes every row of the employee; My account lists them
-- by a public id and forgets any one.

CREATE TABLE remembered_devices (
    public_id      TEXT PRIMARY KEY,
    token_hash     BLOB NOT NULL,
    employee_id    TEXT NOT NULL REFERENCES employees (employee_id) ON DELETE CASCADE,
    user_agent     TEXT,
    client_address TEXT,
    created_at     INTEGER NOT NULL,
    last_used_at   INTEGER NOT NULL,
    expires_at     INTEGER NOT NULL,
    UNIQUE (token_hash, employee_id)
);
CREATE INDEX remembered_devices_by_employee ON remembered_devices (employee_id);
