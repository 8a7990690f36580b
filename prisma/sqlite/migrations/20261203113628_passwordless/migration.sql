-- CreateTable
CREATE TABLE "passwordless_accounts" (
    "user_id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT,
    "phone_number" TEXT,
    CONSTRAINT "passwordless_accounts_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "passwordless_devices" (
    "pre_auth_session_id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT,
    "phone_number" TEXT,
    "failed_attempts" INTEGER NOT NULL,
    "created_at" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "passwordless_codes" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "pre_auth_session_id" TEXT NOT NULL,
    "user_input_code_hash" TEXT NOT NULL,
    "link_code_hash" TEXT NOT NULL,
    "created_at" DATETIME NOT NULL,
    "expires_at" DATETIME NOT NULL,
    CONSTRAINT "passwordless_codes_pre_auth_session_id_fkey" FOREIGN KEY ("pre_auth_session_id") REFERENCES "passwordless_devices" ("pre_auth_session_id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "passwordless_accounts_email_key" ON "passwordless_accounts"("email");

-- CreateIndex
CREATE UNIQUE INDEX "passwordless_accounts_phone_number_key" ON "passwordless_accounts"("phone_number");

-- CreateIndex
CREATE INDEX "passwordless_devices_email_idx" ON "passwordless_devices"("email");

-- CreateIndex
CREATE INDEX "passwordless_devices_phone_number_idx" ON "passwordless_devices"("phone_number");

-- CreateIndex
CREATE INDEX "passwordless_devices_created_at_idx" ON "passwordless_devices"("created_at");

-- CreateIndex
CREATE UNIQUE INDEX "passwordless_codes_link_code_hash_key" ON "passwordless_codes"("link_code_hash");

-- CreateIndex
CREATE INDEX "passwordless_codes_pre_auth_session_id_idx" ON "passwordless_codes"("pre_auth_session_id");
