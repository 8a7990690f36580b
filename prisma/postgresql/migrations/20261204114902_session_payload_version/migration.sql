-- AlterTable
ALTER TABLE "sessions" ADD COLUMN     "payload_version" INTEGER NOT NULL DEFAULT 0;
