-- The Technical Support Center's roles.
--
-- `support_agent` opens the desk; `support_lead` opens it too and may also
-- disable and re-enable employees. Granted and revoked only by the admin
-- CLI (`upsers-api role grant|revoke ID ROLE`).
--
-- `sessions.idle_secs` is the idle timeout the session was opened with:
-- an agent's session idles out sooner than an employee's (10 minutes), and
-- it keeps that timeout for as long as it lives.

CREATE TABLE employee_roles (
    employee_id TEXT NOT NULL REFERENCES employees (employee_id) ON DELETE CASCADE,
    role        TEXT NOT NULL CHECK (role IN ('support_agent', 'support_lead')),
    granted_at  BIGINT NOT NULL,
    PRIMARY KEY (employee_id, role)
);

ALTER TABLE sessions ADD COLUMN idle_secs BIGINT;
