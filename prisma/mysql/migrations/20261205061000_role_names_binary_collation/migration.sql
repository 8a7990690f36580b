-- Role and permission names compare byte for byte, as on SQLite and PostgreSQL. Under the
-- tables' default collation (utf8mb4_unicode_ci) "Admin", "ADMIN" and "ádmin" were the role
-- "admin": creating one added permissions to "admin", and DELETE /admin/roles/Admin deleted
-- "admin" and every user's hold of it. A binary collation is finer than the old one, so no key
-- can fail on existing rows. The foreign keys from role_permissions and user_roles to
-- roles.name would refuse a change of their columns' collation one side at a time; they are
-- dropped, the four columns changed, and the keys made again exactly as before.
-- A grant or permission written under another spelling of its role ("ADMIN" for "admin") was
-- let in by the old collation; it takes its role's own spelling first, or the keys made again
-- below would refuse it. The old keys allowed one row per spelling-insensitive name, so no
-- two rows become one.
UPDATE `user_roles` ur JOIN `roles` r ON ur.`role` = r.`name` SET ur.`role` = r.`name` WHERE BINARY ur.`role` <> BINARY r.`name`;
UPDATE `role_permissions` rp JOIN `roles` r ON rp.`role` = r.`name` SET rp.`role` = r.`name` WHERE BINARY rp.`role` <> BINARY r.`name`;
ALTER TABLE `role_permissions` DROP FOREIGN KEY `role_permissions_role_fkey`;
ALTER TABLE `user_roles` DROP FOREIGN KEY `user_roles_role_fkey`;
ALTER TABLE `roles` MODIFY `name` VARCHAR(191) COLLATE utf8mb4_bin NOT NULL;
ALTER TABLE `role_permissions` MODIFY `role` VARCHAR(191) COLLATE utf8mb4_bin NOT NULL, MODIFY `permission` VARCHAR(191) COLLATE utf8mb4_bin NOT NULL;
ALTER TABLE `user_roles` MODIFY `role` VARCHAR(191) COLLATE utf8mb4_bin NOT NULL;
ALTER TABLE `role_permissions` ADD CONSTRAINT `role_permissions_role_fkey` FOREIGN KEY (`role`) REFERENCES `roles`(`name`) ON DELETE CASCADE ON UPDATE CASCADE;
ALTER TABLE `user_roles` ADD CONSTRAINT `user_roles_role_fkey` FOREIGN KEY (`role`) REFERENCES `roles`(`name`) ON DELETE CASCADE ON UPDATE CASCADE;
