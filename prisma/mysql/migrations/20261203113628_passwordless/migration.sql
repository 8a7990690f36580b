-- CreateTable
CREATE TABLE `passwordless_accounts` (
    `user_id` VARCHAR(191) NOT NULL,
    `email` VARCHAR(255) NULL,
    `phone_number` VARCHAR(32) NULL,

    UNIQUE INDEX `passwordless_accounts_email_key`(`email`),
    UNIQUE INDEX `passwordless_accounts_phone_number_key`(`phone_number`),
    PRIMARY KEY (`user_id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `passwordless_devices` (
    `pre_auth_session_id` VARCHAR(64) NOT NULL,
    `email` VARCHAR(255) NULL,
    `phone_number` VARCHAR(32) NULL,
    `failed_attempts` INTEGER NOT NULL,
    `created_at` DATETIME(3) NOT NULL,

    INDEX `passwordless_devices_email_idx`(`email`),
    INDEX `passwordless_devices_phone_number_idx`(`phone_number`),
    INDEX `passwordless_devices_created_at_idx`(`created_at`),
    PRIMARY KEY (`pre_auth_session_id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `passwordless_codes` (
    `id` VARCHAR(191) NOT NULL,
    `pre_auth_session_id` VARCHAR(64) NOT NULL,
    `user_input_code_hash` VARCHAR(64) NOT NULL,
    `link_code_hash` VARCHAR(64) NOT NULL,
    `created_at` DATETIME(3) NOT NULL,
    `expires_at` DATETIME(3) NOT NULL,

    UNIQUE INDEX `passwordless_codes_link_code_hash_key`(`link_code_hash`),
    INDEX `passwordless_codes_pre_auth_session_id_idx`(`pre_auth_session_id`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- AddForeignKey
ALTER TABLE `passwordless_accounts` ADD CONSTRAINT `passwordless_accounts_user_id_fkey` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `passwordless_codes` ADD CONSTRAINT `passwordless_codes_pre_auth_session_id_fkey` FOREIGN KEY (`pre_auth_session_id`) REFERENCES `passwordless_devices`(`pre_auth_session_id`) ON DELETE CASCADE ON UPDATE CASCADE;
