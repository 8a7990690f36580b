-- AlterTable
ALTER TABLE `signing_keys` ADD COLUMN `mac` VARCHAR(64) NULL;
