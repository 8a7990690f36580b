/**
 * One import batch inside one Prisma transaction: read what the batch touches, let the engine's
 * rules decide (lib/auth/import/plan-import-batch.ts), write with multi-row INSERTs, so that a
 * batch of hundreds of users is a handful of statements (no per-user round trips).
 *
 * Plain SQL (import-batch-sql.ts), not `findMany`/`createMany`: Prisma compiles
 * every model query in its query compiler, and for a 500-user `createMany` or `in` list that
 * compilation, not the database, was most of the import's time (a CPU profile of
 * `npm run bench:import`: about 60% in Prisma's client runtime). A raw statement is handed to
 * the driver as it is.
 */
import { randomUUID } from "node:crypto";
import { batchKeys, externalKey, identityKey, planImportBatch, type BatchWrites, type ExistingState } from "../auth/import/plan-import-batch";
import type { ImportOutcome, ImportUserRecord } from "../auth/ports/import-store";
import { insertRows, selectWhereIn, sql, type RawTx } from "./import-batch-sql";
import { toJsonColumn } from "./json-column";

interface MappingRow {
  user_id: string;
  source: string;
  external_id: string;
  metadata: string;
}

interface MappedUserRow {
  id: string;
  email: string | null;
  email_verified: unknown;
  account_user_id: string | null;
  role: string | null;
}

/** What the writes need beyond ExistingState: to leave rows alone that a re-run would not change. */
interface StoredFacts {
  metadata: Map<string, string>;
  verified: Set<string>;
}

/** `userIdsIgnoreCase`: MariaDB/MySQL, whose `users.id` compares ignoring case (ExistingState). */
export async function importBatchIn(
  tx: RawTx,
  records: ImportUserRecord[],
  now: Date,
  dryRun: boolean,
  userIdsIgnoreCase: boolean,
): Promise<ImportOutcome[]> {
  const { existing, stored } = await loadExistingState(tx, records);
  const { outcomes, writes } = planImportBatch(records, { ...existing, userIdsIgnoreCase });
  if (!dryRun) await writeBatch(tx, writes, now, stored);
  return outcomes;
}

async function loadExistingState(tx: RawTx, records: ImportUserRecord[]): Promise<{ existing: ExistingState; stored: StoredFacts }> {
  const keys = batchKeys(records);
  // Sequential reads: an interactive transaction is one connection.
  const mappingRows: MappingRow[] = [];
  for (const source of new Set(keys.externalIds.map((k) => k.source))) {
    const ids = [...new Set(keys.externalIds.filter((k) => k.source === source).map((k) => k.externalId))];
    mappingRows.push(
      ...(await selectWhereIn<MappingRow>(
        tx,
        sql`SELECT user_id, source, external_id, metadata FROM imported_users WHERE source = ${source} AND`,
        "external_id",
        ids,
      )),
    );
  }
  const mapped = await selectWhereIn<MappedUserRow>(
    tx,
    sql`SELECT u.id, u.email, u.email_verified, a.user_id AS account_user_id, ur.role
        FROM users u LEFT JOIN email_password_accounts a ON a.user_id = u.id LEFT JOIN user_roles ur ON ur.user_id = u.id WHERE`,
    "u.id",
    [...new Set(mappingRows.map((m) => m.user_id))],
  );
  const idRows = await selectWhereIn<{ id: string }>(tx, sql`SELECT id FROM users WHERE`, "id", keys.userIds);
  const emailRows = await selectWhereIn<{ id: string; email: string | null }>(tx, sql`SELECT id, email FROM users WHERE`, "email", keys.emails);
  const identityRows = await selectWhereIn<{ third_party_id: string; third_party_user_id: string; user_id: string }>(
    tx,
    sql`SELECT third_party_id, third_party_user_id, user_id FROM third_party_accounts WHERE`,
    "third_party_user_id",
    [...new Set(keys.identities.map((i) => i.thirdPartyUserId))],
  );
  const roleRows = await selectWhereIn<{ name: string }>(tx, sql`SELECT name FROM roles WHERE`, "name", keys.roles);

  const mappedUsers: ExistingState["mappedUsers"] = new Map();
  const verified = new Set<string>();
  for (const row of mapped) {
    let user = mappedUsers.get(row.id);
    if (!user) mappedUsers.set(row.id, (user = { email: row.email, hasPassword: row.account_user_id !== null, roles: new Set() }));
    if (row.role !== null) user.roles.add(row.role);
    // Drivers differ: SQLite and MariaDB answer 0/1 (number or bigint), PostgreSQL a boolean.
    if (row.email_verified === true || Number(row.email_verified) === 1) verified.add(row.id);
  }
  return {
    existing: {
      mappings: new Map(mappingRows.map((m) => [externalKey(m.source, m.external_id), m.user_id])),
      mappedUsers,
      userIds: new Set(idRows.map((u) => u.id)),
      emailOwners: new Map(emailRows.flatMap((u) => (u.email ? [[u.email, u.id] as const] : []))),
      identityOwners: new Map(identityRows.map((a) => [identityKey(a.third_party_id, a.third_party_user_id), a.user_id])),
      roles: new Set(roleRows.map((r) => r.name)),
    },
    stored: { metadata: new Map(mappingRows.map((m) => [m.user_id, m.metadata])), verified },
  };
}

async function writeBatch(tx: RawTx, writes: BatchWrites, now: Date, stored: StoredFacts): Promise<void> {
  const { newRoles, newUsers, updates } = writes;
  await insertRows(
    tx,
    "roles",
    ["name"],
    newRoles.map((name) => [name]),
  );
  await insertRows(
    tx,
    "users",
    ["id", "email", "email_verified", "time_joined"],
    newUsers.map((r) => [r.id, r.email, r.emailVerified, r.timeJoined]),
  );
  const passwords = [
    ...newUsers.filter((r) => r.passwordHash !== null && r.email !== null).map((r) => [r.id, r.email, r.passwordHash]),
    ...updates.filter((u) => u.addPassword).map((u) => [u.userId, u.record.email, u.record.passwordHash]),
  ];
  await insertRows(tx, "email_password_accounts", ["user_id", "email", "password_hash"], passwords);
  await insertRows(
    tx,
    "imported_users",
    ["user_id", "source", "external_id", "imported_at", "metadata"],
    newUsers.map((r) => [r.id, r.source, r.externalId, now, toJsonColumn(r.metadata)]),
  );
  const identities = [
    ...newUsers.flatMap((r) => r.thirdPartyAccounts.map((a) => ({ ...a, userId: r.id }))),
    ...updates.flatMap((u) => u.addIdentities.map((a) => ({ ...a, userId: u.userId }))),
  ];
  await insertRows(
    tx,
    "third_party_accounts",
    ["id", "user_id", "third_party_id", "third_party_user_id", "email"],
    identities.map((a) => [randomUUID(), a.userId, a.thirdPartyId, a.thirdPartyUserId, a.email]),
  );
  const userRoles = [
    ...newUsers.flatMap((r) => r.roles.map((role) => [r.id, role])),
    ...updates.flatMap((u) => u.addRoles.map((role) => [u.userId, role])),
  ];
  await insertRows(tx, "user_roles", ["user_id", "role"], userRoles);
  // A re-run of an unchanged export writes nothing here: only what differs from the stored rows.
  for (const u of updates) {
    if (u.markVerified && !stored.verified.has(u.userId)) {
      await tx.$executeRaw(sql`UPDATE users SET email_verified = ${true} WHERE id = ${u.userId} AND email = ${u.record.email}`);
      stored.verified.add(u.userId);
    }
    const metadata = toJsonColumn(u.record.metadata);
    if (stored.metadata.get(u.userId) !== metadata) {
      await tx.$executeRaw(sql`UPDATE imported_users SET metadata = ${metadata} WHERE user_id = ${u.userId}`);
      stored.metadata.set(u.userId, metadata);
    }
  }
}
