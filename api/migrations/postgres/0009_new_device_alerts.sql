-- New-device alerts and "This wasn't me".
--
-- Every completed sign-in records the browser (the SHA-256 of its
-- `__Host-device` token) as seen for the employee. A sign-in from a browser
-- the employee has not used in the last 90 days (and has not remembered)
-- queues an alert to their verified channels with a single-use link,
-- stored here only as its SHA-256, that ends every session, forgets every
-- device and locks the Employee ID until a PIN reset by a one-time PIN
-- (`employees.reported_at`). `employees.language` is the language the
-- employee last used from a browser they were known on, for the alerts.

CREATE TABLE known_devices (
    token_hash    BYTEA NOT NULL,
    employee_id   TEXT NOT NULL REFERENCES employees (employee_id) ON DELETE CASCADE,
    first_seen_at BIGINT NOT NULL,
    last_seen_at  BIGINT NOT NULL,
    -- Whether the last sighting was of a new device (the one an alert is for).
    alert_due     BIGINT NOT NULL,
    PRIMARY KEY (token_hash, employee_id)
);
CREATE INDEX known_devices_by_employee ON known_devices (employee_id);

CREATE TABLE sign_in_reports (
    token_hash  BYTEA PRIMARY KEY,
    employee_id TEXT NOT NULL REFERENCES employees (employee_id) ON DELETE CASCADE,
    created_at  BIGINT NOT NULL,
    expires_at  BIGINT NOT NULL,
    used_at     BIGINT
);
CREATE INDEX sign_in_reports_by_employee ON sign_in_reports (employee_id);

ALTER TABLE employees ADD COLUMN reported_at BIGINT;
ALTER TABLE employees ADD COLUMN language TEXT;
