-- A change of what recovers the account (a contact detail, the challenge
-- questions, a passkey) needs a proof made for it: a one-time PIN to a
-- channel verified before the change, sent after the sign-in. A session
-- remembers when it last made one, and a change spends it (sets it back to
-- NULL in one conditional UPDATE), so one proof makes one change and the
-- sign-in's own proof never counts.

ALTER TABLE sessions ADD COLUMN recovery_proof_at BIGINT;
