-- CreateTable
CREATE TABLE `imported_users` (
    `user_id` VARCHAR(191) NOT NULL,
    `source` VARCHAR(32) NOT NULL,
    -- Source ids are case-sensitive (better-auth's and Lucia's are mixed-case random strings).
    `external_id` VARCHAR(191) COLLATE utf8mb4_bin NOT NULL,
    `imported_at` DATETIME(3) NOT NULL,
    `metadata` TEXT NOT NULL,

    INDEX `imported_users_external_id_idx`(`external_id`),
    UNIQUE INDEX `imported_users_source_external_id_key`(`source`, `external_id`),
    PRIMARY KEY (`user_id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- AddForeignKey
ALTER TABLE `imported_users` ADD CONSTRAINT `imported_users_user_id_fkey` FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON DELETE CASCADE ON UPDATE CASCADE;
