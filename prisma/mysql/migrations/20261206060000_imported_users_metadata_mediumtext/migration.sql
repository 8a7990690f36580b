-- An imported user's metadata (a JSON object, kept as the source gave it) may exceed the 64 KiB a
-- TEXT column holds on MySQL/MariaDB; SQLite and PostgreSQL had no limit, and such a user's import
-- failed on MySQL alone. MEDIUMTEXT holds 16 MiB; every existing value fits.
ALTER TABLE `imported_users` MODIFY `metadata` MEDIUMTEXT NOT NULL;
