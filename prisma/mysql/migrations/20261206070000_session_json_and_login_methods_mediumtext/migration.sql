-- A session's data (the deployer's setSessionData, updateSessionData) and payload (setJwtPayload,
-- mergeIntoAccessTokenPayload), and an organization's login methods (its allowed email domains,
-- its providers), are JSON objects that may exceed the 64 KiB a TEXT column holds on
-- MySQL/MariaDB. SQLite and PostgreSQL had no such limit: on MySQL alone such a session could not
-- be written (every sign-in with it answered 503), nor such login methods saved. MEDIUMTEXT
-- holds 16 MiB; every existing value fits.
ALTER TABLE `sessions` MODIFY `session_data` MEDIUMTEXT NOT NULL, MODIFY `jwt_payload` MEDIUMTEXT NOT NULL;
ALTER TABLE `organizations` MODIFY `login_methods` MEDIUMTEXT NULL;
