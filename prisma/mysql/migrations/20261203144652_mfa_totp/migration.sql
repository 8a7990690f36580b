-- CreateTable
CREATE TABLE `totp_devices` (
    `id` VARCHAR(191) NOT NULL,
    `user_id` VARCHAR(191) NOT NULL,
    `name` VARCHAR(128) NOT NULL,
    `sealed_secret` TEXT NOT NULL,
    `period` INTEGER NOT NULL,
    `skew` INTEGER NOT NULL,
    `verified` BOOLEAN NOT NULL DEFAULT false,
    `last_used_step` BIGINT NULL,
    `created_at` DATETIME(3) NOT NULL,

    UNIQUE INDEX `totp_devices_user_id_name_key`(`user_id`, `name`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `mfa_recovery_codes` (
    `code_hash` VARCHAR(64) NOT NULL,
    `user_id` VARCHAR(191) NOT NULL,
    `created_at` DATETIME(3) NOT NULL,

    INDEX `mfa_recovery_codes_user_id_idx`(`user_id`),
    PRIMARY KEY (`code_hash`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- AddForeignKey
ALTER TABLE `totp_devices` ADD CONSTRAINT `totp_devices_user_id_fkey` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `mfa_recovery_codes` ADD CONSTRAINT `mfa_recovery_codes_user_id_fkey` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;
