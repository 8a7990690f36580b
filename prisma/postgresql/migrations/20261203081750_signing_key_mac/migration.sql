-- AlterTable
ALTER TABLE "signing_keys" ADD COLUMN     "mac" TEXT;
