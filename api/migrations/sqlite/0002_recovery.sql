-- PIN recovery: flows may belong to any submitted Employee ID (recovery answers
-- unknown IDs exactly like known ones), flows remember how they were verified
-- and which challenge questions they ask, and employees get challenge answers.
--
-- SQLite cannot drop a foreign key or change a CHECK in place, so `flows` is
-- rebuilt; `one_time_codes` is rebuilt with it so its foreign key follows the
-- new table and no row is lost.

CREATE TABLE flows_v2 (
    flow_id      TEXT PRIMARY KEY,
    kind         TEXT NOT NULL CHECK (kind IN ('login', 'recovery', 'registration')),
    cookie_hash  BLOB NOT NULL,           -- SHA-256 of the flow cookie
    employee_id  TEXT NOT NULL,           -- as submitted; may be no employee at all
    completed    INTEGER NOT NULL DEFAULT 0,
    sends        INTEGER NOT NULL DEFAULT 0,
    last_sent_at INTEGER,
    verified_by  TEXT,                    -- recovery: 'sms' | 'email' | 'questions' once proven
    questions    TEXT,                    -- recovery: question ids asked, comma-separated, in order
    created_at   INTEGER NOT NULL,
    expires_at   INTEGER NOT NULL
);
INSERT INTO flows_v2 (flow_id, kind, cookie_hash, employee_id, completed, sends, last_sent_at,
                      created_at, expires_at)
    SELECT flow_id, kind, cookie_hash, employee_id, completed, sends, last_sent_at,
           created_at, expires_at
    FROM flows;

CREATE TABLE one_time_codes_v2 (
    flow_id     TEXT PRIMARY KEY REFERENCES flows_v2 (flow_id) ON DELETE CASCADE,
    channel     TEXT NOT NULL CHECK (channel IN ('sms', 'email')),
    code_hash   BLOB NOT NULL,            -- HMAC-SHA-256 keyed with the server secret
    sent_at     INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL,
    failures    INTEGER NOT NULL DEFAULT 0,
    used        INTEGER NOT NULL DEFAULT 0
);
INSERT INTO one_time_codes_v2 (flow_id, channel, code_hash, sent_at, expires_at, failures, used)
    SELECT flow_id, channel, code_hash, sent_at, expires_at, failures, used FROM one_time_codes;

DROP TABLE one_time_codes;
DROP TABLE flows;
ALTER TABLE flows_v2 RENAME TO flows;
ALTER TABLE one_time_codes_v2 RENAME TO one_time_codes;

CREATE TABLE challenge_answers (
    employee_id  TEXT NOT NULL REFERENCES employees (employee_id) ON DELETE CASCADE,
    question_id  TEXT NOT NULL,           -- an id of the catalogue in domain/questions.rs
    answer_hash  TEXT NOT NULL,           -- argon2id PHC string of the normalized answer
    created_at   INTEGER NOT NULL,
    PRIMARY KEY (employee_id, question_id)
);
