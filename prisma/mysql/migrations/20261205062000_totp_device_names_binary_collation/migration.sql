-- A user's authenticators are told apart by name exactly, as on SQLite and PostgreSQL: under
-- the tables' default collation "phone" was refused as a second "Phone". A binary collation is
-- finer than the old one, so the unique key on (user_id, name) cannot fail on existing rows.
ALTER TABLE `totp_devices` MODIFY `name` VARCHAR(128) COLLATE utf8mb4_bin NOT NULL;
