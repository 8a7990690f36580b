-- CreateTable
CREATE TABLE `organizations` (
    `id` VARCHAR(63) NOT NULL,
    `name` VARCHAR(255) NOT NULL,
    `login_methods` TEXT NULL,
    `created_at` DATETIME(3) NOT NULL,

    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `organization_members` (
    `organization_id` VARCHAR(63) NOT NULL,
    `user_id` VARCHAR(191) NOT NULL,
    `role` VARCHAR(64) NOT NULL,
    `joined_at` DATETIME(3) NOT NULL,

    INDEX `organization_members_user_id_idx`(`user_id`),
    PRIMARY KEY (`organization_id`, `user_id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `organization_invitations` (
    `id` VARCHAR(191) NOT NULL,
    `organization_id` VARCHAR(63) NOT NULL,
    `email` VARCHAR(255) NOT NULL,
    `role` VARCHAR(64) NOT NULL,
    `token_hash` VARCHAR(64) NOT NULL,
    `invited_by` VARCHAR(191) NOT NULL,
    `created_at` DATETIME(3) NOT NULL,
    `expires_at` DATETIME(3) NOT NULL,
    `accepted_at` DATETIME(3) NULL,
    `accepted_by` VARCHAR(191) NULL,
    `revoked_at` DATETIME(3) NULL,

    UNIQUE INDEX `organization_invitations_token_hash_key`(`token_hash`),
    INDEX `organization_invitations_organization_id_email_idx`(`organization_id`, `email`),
    INDEX `organization_invitations_email_idx`(`email`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- AddForeignKey
ALTER TABLE `organization_members` ADD CONSTRAINT `organization_members_organization_id_fkey` FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `organization_members` ADD CONSTRAINT `organization_members_user_id_fkey` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE `organization_invitations` ADD CONSTRAINT `organization_invitations_organization_id_fkey` FOREIGN KEY (`organization_id`) REFERENCES `organizations`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;
