-- Remembered devices are bound (issue 32): a browser's `__Host-device` token
-- counts only from the browser family and system it was first seen on
-- (`domain::user_agent::binding`, "Chrome/Windows 10"). Anywhere else it is
-- a new browser: a new token, a one-time PIN and a new-device alert.
--
-- Devices remembered before this have no binding, so each asks for a
-- one-time PIN once more. Browsers seen before it take the binding of their
-- next sign-in (their token is the server's: it is in this table).

ALTER TABLE known_devices ADD COLUMN binding TEXT;
ALTER TABLE remembered_devices ADD COLUMN binding TEXT;
