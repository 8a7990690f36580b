-- CreateTable
CREATE TABLE `webauthn_credentials` (
    `id` VARCHAR(64) NOT NULL,
    `credential_id` TEXT NOT NULL,
    `user_id` VARCHAR(191) NOT NULL,
    `user_handle` VARCHAR(128) NOT NULL,
    `public_key` TEXT NOT NULL,
    `counter` BIGINT NOT NULL,
    `transports` VARCHAR(255) NOT NULL,
    `rp_id` VARCHAR(255) NOT NULL,
    `name` VARCHAR(255) NOT NULL,
    `created_at` DATETIME(3) NOT NULL,
    `last_used_at` DATETIME(3) NULL,

    INDEX `webauthn_credentials_user_id_idx`(`user_id`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `webauthn_generated_options` (
    `id` VARCHAR(64) NOT NULL,
    `kind` VARCHAR(16) NOT NULL,
    `challenge` VARCHAR(128) NOT NULL,
    `rp_id` VARCHAR(255) NOT NULL,
    `email` VARCHAR(255) NULL,
    `user_handle` VARCHAR(128) NULL,
    `user_id` VARCHAR(191) NULL,
    `created_at` DATETIME(3) NOT NULL,
    `expires_at` DATETIME(3) NOT NULL,

    INDEX `webauthn_generated_options_expires_at_idx`(`expires_at`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `webauthn_recover_tokens` (
    `token_hash` VARCHAR(191) NOT NULL,
    `user_id` VARCHAR(191) NOT NULL,
    `email` VARCHAR(255) NOT NULL,
    `expires_at` DATETIME(3) NOT NULL,
    `created_at` DATETIME(3) NOT NULL,

    INDEX `webauthn_recover_tokens_user_id_idx`(`user_id`),
    PRIMARY KEY (`token_hash`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- AddForeignKey
ALTER TABLE `webauthn_credentials` ADD CONSTRAINT `webauthn_credentials_user_id_fkey` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `webauthn_recover_tokens` ADD CONSTRAINT `webauthn_recover_tokens_user_id_fkey` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;
