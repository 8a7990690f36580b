-- CreateTable
CREATE TABLE `audit_events` (
    `id` VARCHAR(191) NOT NULL,
    `time` DATETIME(3) NOT NULL,
    `type` VARCHAR(64) NOT NULL,
    `user_id` VARCHAR(191) NULL,
    `ip` VARCHAR(64) NULL,
    `user_agent` TEXT NULL,
    `detail` TEXT NOT NULL,

    INDEX `audit_events_user_id_time_idx`(`user_id`, `time`),
    INDEX `audit_events_time_idx`(`time`),
    PRIMARY KEY (`id`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;

-- CreateTable
CREATE TABLE `rate_limits` (
    `key` VARCHAR(191) NOT NULL,
    `points` INTEGER NOT NULL,
    `expire` DATETIME(3) NULL,

    INDEX `rate_limits_expire_idx`(`expire`),
    PRIMARY KEY (`key`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
