-- CreateTable
CREATE TABLE "passwordless_accounts" (
    "user_id" TEXT NOT NULL,
    "email" TEXT,
    "phone_number" TEXT,

    CONSTRAINT "passwordless_accounts_pkey" PRIMARY KEY ("user_id")
);

-- CreateTable
CREATE TABLE "passwordless_devices" (
    "pre_auth_session_id" TEXT NOT NULL,
    "email" TEXT,
    "phone_number" TEXT,
    "failed_attempts" INTEGER NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "passwordless_devices_pkey" PRIMARY KEY ("pre_auth_session_id")
);

-- CreateTable
CREATE TABLE "passwordless_codes" (
    "id" TEXT NOT NULL,
    "pre_auth_session_id" TEXT NOT NULL,
    "user_input_code_hash" TEXT NOT NULL,
    "link_code_hash" TEXT NOT NULL,
    "created_at" TIMESTAMP(3) NOT NULL,
    "expires_at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "passwordless_codes_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "passwordless_accounts" ADD CONSTRAINT "passwordless_accounts_user_id_fkey" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "passwordless_codes" ADD CONSTRAINT "passwordless_codes_pre_auth_session_id_fkey" FOREIGN KEY ("pre_auth_session_id") REFERENCES "passwordless_devices"("pre_auth_session_id") ON DELETE CASCADE ON UPDATE CASCADE;
