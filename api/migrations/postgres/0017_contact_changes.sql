-- A new channel settles before it can recover (issue 32). A contact added or
-- replaced in My account cannot reset the PIN, receive a desk verification
-- or prove a recovery change until its `*_settles_at` (72 hours,
-- UPSERS_CONTACT_SETTLE_HOURS); the channels verified before it still can.
--
-- Every change of a contact (added, replaced, removed) keeps what it
-- replaced, so that "This wasn't me" (the change notice's link, or a
-- new-device alert's) puts it back: the notice's link is a sign-in report
-- naming its change. Rows are kept for 10 days (a link's 7, and the 72
-- hours before the event a report reaches back to).

ALTER TABLE employees ADD COLUMN mobile_settles_at BIGINT;
ALTER TABLE employees ADD COLUMN email_settles_at BIGINT;

CREATE TABLE contact_changes (
    change_id    BIGSERIAL PRIMARY KEY,
    employee_id  TEXT NOT NULL REFERENCES employees (employee_id) ON DELETE CASCADE,
    channel      TEXT NOT NULL CHECK (channel IN ('sms', 'email')),
    -- The verified contact the change replaced or removed; none when added.
    previous     TEXT,
    changed_at   BIGINT NOT NULL,
    restored_at  BIGINT
);
CREATE INDEX contact_changes_by_employee ON contact_changes (employee_id, changed_at);

ALTER TABLE sign_in_reports ADD COLUMN change_id BIGINT;
