-- CreateTable
CREATE TABLE "imported_users" (
    "user_id" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "external_id" TEXT NOT NULL,
    "imported_at" TIMESTAMP(3) NOT NULL,
    "metadata" TEXT NOT NULL,

    CONSTRAINT "imported_users_pkey" PRIMARY KEY ("user_id")
);

-- CreateIndex
CREATE INDEX "imported_users_external_id_idx" ON "imported_users"("external_id");

-- CreateIndex
CREATE UNIQUE INDEX "imported_users_source_external_id_key" ON "imported_users"("source", "external_id");

-- AddForeignKey
ALTER TABLE "imported_users" ADD CONSTRAINT "imported_users_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;
