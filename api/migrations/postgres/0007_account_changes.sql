-- My account's changes: a contact detail or the challenge questions change
-- only after a step-up, the current PIN or a fresh one-time PIN, unless the
-- session signed in (or stepped up) within the last few minutes; a session
-- remembers when it last stepped up. A one-time PIN sent from My account (to
-- step up, or to a new contact being verified) belongs to an `account` flow,
-- bound to the session by its cookie's hash, that says what it is for
-- (`purpose`) and, for a new contact, where the code went (`destination`).

ALTER TABLE sessions ADD COLUMN stepped_up_at BIGINT;

ALTER TABLE flows DROP CONSTRAINT flows_kind_check;
ALTER TABLE flows ADD CONSTRAINT flows_kind_check
    CHECK (kind IN ('login', 'recovery', 'registration', 'account'));
ALTER TABLE flows ADD COLUMN purpose TEXT;      -- account: 'step_up' | 'sms' | 'email'
ALTER TABLE flows ADD COLUMN destination TEXT;  -- account: the new contact a code went to
CREATE INDEX flows_by_cookie ON flows (cookie_hash, purpose);
