-- CreateTable
CREATE TABLE "imported_users" (
    "user_id" TEXT NOT NULL PRIMARY KEY,
    "source" TEXT NOT NULL,
    "external_id" TEXT NOT NULL,
    "imported_at" DATETIME NOT NULL,
    "metadata" TEXT NOT NULL,
    CONSTRAINT "imported_users_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "imported_users_external_id_idx" ON "imported_users"("external_id");

-- CreateIndex
CREATE UNIQUE INDEX "imported_users_source_external_id_key" ON "imported_users"("source", "external_id");
