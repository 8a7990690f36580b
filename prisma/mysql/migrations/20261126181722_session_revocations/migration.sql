-- CreateTable
CREATE TABLE `session_revocations` (
    `session_handle` VARCHAR(191) NOT NULL,
    `revoked_at` DATETIME(3) NOT NULL,
    `expires_at` DATETIME(3) NOT NULL,

    INDEX `session_revocations_revoked_at_idx`(`revoked_at`),
    INDEX `session_revocations_expires_at_idx`(`expires_at`),
    PRIMARY KEY (`session_handle`)
) DEFAULT CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
