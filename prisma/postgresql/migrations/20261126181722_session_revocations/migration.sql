-- CreateTable
CREATE TABLE "session_revocations" (
    "session_handle" TEXT NOT NULL,
    "revoked_at" TIMESTAMP(3) NOT NULL,
    "expires_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "session_revocations_pkey" PRIMARY KEY ("session_handle")
);

-- CreateIndex
CREATE INDEX "session_revocations_revoked_at_idx" ON "session_revocations"("revoked_at");

-- CreateIndex
CREATE INDEX "session_revocations_expires_at_idx" ON "session_revocations"("expires_at");
