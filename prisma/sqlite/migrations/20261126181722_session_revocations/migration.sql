-- CreateTable
CREATE TABLE "session_revocations" (
    "session_handle" TEXT NOT NULL PRIMARY KEY,
    "revoked_at" DATETIME NOT NULL,
    "expires_at" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "session_revocations_revoked_at_idx" ON "session_revocations"("revoked_at");

-- CreateIndex
CREATE INDEX "session_revocations_expires_at_idx" ON "session_revocations"("expires_at");
