-- Passkeys, bounded (issue 32). A flow, a session or a browser holds at most
-- three outstanding ceremonies: each takes one of three slots of what it is
-- bound to, a free one or else the one that ends first, and a unique index
-- keeps racing ceremonies to those three rows on any number of instances.
-- Ceremonies last 5 minutes, so the ones waiting now are dropped rather than
-- given slots.
--
-- A passkey remembers the User-Agent it was added from, so that messages
-- name a passkey by its browser, system and date (as the API describes
-- them), never by the name the employee chose.

DELETE FROM passkey_challenges;
ALTER TABLE passkey_challenges ADD COLUMN slot INTEGER NOT NULL DEFAULT 0;
CREATE UNIQUE INDEX passkey_challenges_slots ON passkey_challenges (bound_to, slot);

ALTER TABLE passkeys ADD COLUMN user_agent TEXT;
