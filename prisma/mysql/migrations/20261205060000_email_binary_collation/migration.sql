-- Email addresses compare byte for byte, as on SQLite and PostgreSQL. The tables' default
-- collation (utf8mb4_unicode_ci) ignores accents and folds letters (é = e, ß = ss): a lookup of
-- one address found another's account, so a password-reset request for "jose@…" mailed a link
-- for the account of "josé@…" to "jose@…". Addresses are normalised (trimmed, lower-cased)
-- before they are stored or looked up, so nothing legitimate relied on the folding, and a
-- binary collation is finer than the old one: no unique index can fail on existing rows.
ALTER TABLE `users` MODIFY `email` VARCHAR(255) COLLATE utf8mb4_bin NULL;
ALTER TABLE `email_password_accounts` MODIFY `email` VARCHAR(255) COLLATE utf8mb4_bin NOT NULL;
ALTER TABLE `third_party_accounts` MODIFY `email` VARCHAR(255) COLLATE utf8mb4_bin NOT NULL;
ALTER TABLE `email_verification_tokens` MODIFY `email` VARCHAR(255) COLLATE utf8mb4_bin NOT NULL;
ALTER TABLE `password_reset_tokens` MODIFY `email` VARCHAR(255) COLLATE utf8mb4_bin NOT NULL;
ALTER TABLE `passwordless_accounts` MODIFY `email` VARCHAR(255) COLLATE utf8mb4_bin NULL;
ALTER TABLE `passwordless_devices` MODIFY `email` VARCHAR(255) COLLATE utf8mb4_bin NULL;
ALTER TABLE `organization_invitations` MODIFY `email` VARCHAR(255) COLLATE utf8mb4_bin NOT NULL;
ALTER TABLE `webauthn_generated_options` MODIFY `email` VARCHAR(255) COLLATE utf8mb4_bin NULL;
ALTER TABLE `webauthn_recover_tokens` MODIFY `email` VARCHAR(255) COLLATE utf8mb4_bin NOT NULL;
