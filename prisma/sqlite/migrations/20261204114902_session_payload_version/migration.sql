-- AlterTable
-- Written as ADD COLUMN rather than the table rebuild Prisma's engine proposes: the column goes
-- last either way, and ADD COLUMN does not copy every session row.
ALTER TABLE "sessions" ADD COLUMN "payload_version" INTEGER NOT NULL DEFAULT 0;
