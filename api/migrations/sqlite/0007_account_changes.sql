-- My account's changes: a contact detail or the challenge questions change
-- only after a step-up, the current PIN or a fresh one-time PIN, unless the
-- session signed in (or stepped up) within the last few minutes; a session
-- remembers when it last stepped up. A one-time PIN sent from My account (to
-- step up, or to a new contact being verified) belongs to an `account` flow,
-- bound to the session by its cookie's hash, that says what it is for
-- (`purpose`) and, for a new contact, where the code went (`destination`).
--
-- SQLite cannot change a CHECK in place, so `flows` is rebuilt, and the two
-- tables whose foreign keys name it with it, so no row is lost.

ALTER TABLE sessions ADD COLUMN stepped_up_at INTEGER;

CREATE TABLE flows_v3 (
    flow_id      TEXT PRIMARY KEY,
    kind         TEXT NOT NULL CHECK (kind IN ('login', 'recovery', 'registration', 'account')),
    cookie_hash  BLOB NOT NULL,           -- SHA-256 of the flow (or, for account, session) cookie
    employee_id  TEXT NOT NULL,           -- as submitted; may be no employee at all
    completed    INTEGER NOT NULL DEFAULT 0,
    sends        INTEGER NOT NULL DEFAULT 0,
    last_sent_at INTEGER,
    verified_by  TEXT,                    -- recovery: 'sms' | 'email' | 'questions' once proven
    questions    TEXT,                    -- recovery: question ids asked, comma-separated, in order
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL,
    bound_to     BLOB,
    purpose      TEXT,                    -- account: 'step_up' | 'sms' | 'email'
    destination  TEXT                     -- account: the new contact a code went to
);
INSERT INTO flows_v3 (flow_id, kind, cookie_hash, employee_id, completed, sends, last_sent_at,
                      verified_by, questions, created_at, expires_at, bound_to)
    SELECT flow_id, kind, cookie_hash, employee_id, completed, sends, last_sent_at,
           verified_by, questions, created_at, expires_at, bound_to
    FROM flows;
CREATE INDEX flows_by_cookie ON flows_v3 (cookie_hash, purpose);

CREATE TABLE one_time_codes_v3 (
    flow_id     TEXT PRIMARY KEY REFERENCES flows_v3 (flow_id) ON DELETE CASCADE,
    channel     TEXT NOT NULL CHECK (channel IN ('sms', 'email')),
    code_hash   BLOB NOT NULL,            -- HMAC-SHA-256 keyed with the server secret
    sent_at     INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    failures    INTEGER NOT NULL DEFAULT 0,
    used        INTEGER NOT NULL DEFAULT 0
);
INSERT INTO one_time_codes_v3 SELECT flow_id, channel, code_hash, sent_at, expires_at, failures, used
    FROM one_time_codes;

CREATE TABLE registrations_v3 (
    flow_id          TEXT PRIMARY KEY REFERENCES flows_v3 (flow_id) ON DELETE CASCADE,
    mobile           TEXT,                -- E.164, as given in this flow
    mobile_verified  INTEGER NOT NULL DEFAULT 0,
    email            TEXT,
    email_verified   INTEGER NOT NULL DEFAULT 0,
    answers          TEXT                 -- JSON [{question_id, answer_hash}] once chosen
);
INSERT INTO registrations_v3 SELECT flow_id, mobile, mobile_verified, email, email_verified, answers
    FROM registrations;

DROP TABLE registrations;
DROP TABLE one_time_codes;
DROP TABLE flows;
ALTER TABLE flows_v3 RENAME TO flows;
ALTER TABLE one_time_codes_v3 RENAME TO one_time_codes;
ALTER TABLE registrations_v3 RENAME TO registrations;
