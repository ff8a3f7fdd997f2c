-- My account lists the employee's live sessions and ends any one of them: a
-- session gets a public id (the list's handle; the token hash never leaves
-- the store), the device it was opened from (User-Agent, client address) and
-- when it was last active. Sessions from before this migration get an id and
-- show as started and last active when they were created.

ALTER TABLE sessions ADD COLUMN public_id TEXT;
ALTER TABLE sessions ADD COLUMN user_agent TEXT;
ALTER TABLE sessions ADD COLUMN client_address TEXT;
ALTER TABLE sessions ADD COLUMN last_active_at INTEGER;
UPDATE sessions SET public_id = lower(hex(randomblob(16))), last_active_at = created_at;
CREATE UNIQUE INDEX sessions_by_public_id ON sessions (public_id);

-- My account's recent activity shows the browser and system of each event
-- from the User-Agent of the request that caused it (NULL for events from
-- before this migration, and for those no request caused).
ALTER TABLE audit_events ADD COLUMN user_agent TEXT;
