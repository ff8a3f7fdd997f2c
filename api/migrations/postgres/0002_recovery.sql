-- PIN recovery: flows may belong to any submitted Employee ID (recovery answers
-- unknown IDs exactly like known ones), flows remember how they were verified
-- and which challenge questions they ask, and employees get challenge answers.

ALTER TABLE flows DROP CONSTRAINT flows_employee_id_fkey;
ALTER TABLE flows DROP CONSTRAINT flows_kind_check;
ALTER TABLE flows ADD CONSTRAINT flows_kind_check
    CHECK (kind IN ('login', 'recovery', 'registration'));
ALTER TABLE flows ADD COLUMN verified_by TEXT;  -- recovery: 'sms' | 'email' | 'questions'
ALTER TABLE flows ADD COLUMN questions TEXT;    -- recovery: question ids asked, comma-separated

CREATE TABLE challenge_answers (
    employee_id  TEXT NOT NULL REFERENCES employees (employee_id) ON DELETE CASCADE,
    question_id  TEXT NOT NULL,           -- an id of the catalogue in domain/questions.rs
    answer_hash  TEXT NOT NULL,           -- argon2id PHC string of the normalized answer
    created_at   BIGINT NOT NULL,
    PRIMARY KEY (employee_id, question_id)
);
