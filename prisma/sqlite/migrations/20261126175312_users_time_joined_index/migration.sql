-- CreateIndex
CREATE INDEX "users_time_joined_id_idx" ON "users"("time_joined", "id");
