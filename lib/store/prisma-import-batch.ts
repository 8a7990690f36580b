/**
 * One import batch inside one Prisma transaction: read what the batch touches, let the engine's
 * rules decide (lib/auth/import/plan-import-batch.ts), write with one `createMany` per table, so
 * that a batch of hundreds of users is a handful of statements (no per-user round trips).
 */
import { randomUUID } from "node:crypto";
import { batchKeys, externalKey, identityKey, planImportBatch, type BatchWrites, type ExistingState } from "../auth/import/plan-import-batch";
import type { ImportOutcome, ImportUserRecord } from "../auth/ports/import-store";
import type { GatehousePrismaClient } from "./prisma-client";
import { toJsonColumn } from "./json-column";

type Tx = Parameters<Parameters<GatehousePrismaClient["$transaction"]>[0]>[0];

export async function importBatchIn(tx: Tx, records: ImportUserRecord[], now: Date, dryRun: boolean): Promise<ImportOutcome[]> {
  const { outcomes, writes } = planImportBatch(records, await loadExistingState(tx, records));
  if (!dryRun) await writeBatch(tx, writes, now);
  return outcomes;
}

async function loadExistingState(tx: Tx, records: ImportUserRecord[]): Promise<ExistingState> {
  const keys = batchKeys(records);
  const sources = [...new Set(keys.externalIds.map((k) => k.source))];
  // Sequential reads: an interactive transaction is one connection.
  const mappingRows = await tx.importedUser.findMany({
    where: {
      OR: sources.map((source) => ({ source, externalId: { in: keys.externalIds.filter((k) => k.source === source).map((k) => k.externalId) } })),
    },
    select: { userId: true, source: true, externalId: true },
  });
  const mapped = await tx.user.findMany({
    where: { id: { in: mappingRows.map((m) => m.userId) } },
    select: { id: true, email: true, emailPasswordAccount: { select: { userId: true } }, roles: { select: { role: true } } },
  });
  const idRows = await tx.user.findMany({ where: { id: { in: keys.userIds } }, select: { id: true } });
  const emailRows = await tx.user.findMany({ where: { email: { in: keys.emails } }, select: { id: true, email: true } });
  const identityRows = await tx.thirdPartyAccount.findMany({
    where: { thirdPartyUserId: { in: [...new Set(keys.identities.map((i) => i.thirdPartyUserId))] } },
    select: { thirdPartyId: true, thirdPartyUserId: true, userId: true },
  });
  const roleRows = await tx.role.findMany({ where: { name: { in: keys.roles } }, select: { name: true } });
  return {
    mappings: new Map(mappingRows.map((m) => [externalKey(m.source, m.externalId), m.userId])),
    mappedUsers: new Map(
      mapped.map((u) => [u.id, { email: u.email, hasPassword: u.emailPasswordAccount !== null, roles: new Set(u.roles.map((r) => r.role)) }]),
    ),
    userIds: new Set(idRows.map((u) => u.id)),
    emailOwners: new Map(emailRows.flatMap((u) => (u.email ? [[u.email, u.id] as const] : []))),
    identityOwners: new Map(identityRows.map((a) => [identityKey(a.thirdPartyId, a.thirdPartyUserId), a.userId])),
    roles: new Set(roleRows.map((r) => r.name)),
  };
}

async function writeBatch(tx: Tx, writes: BatchWrites, now: Date): Promise<void> {
  const { newRoles, newUsers, updates } = writes;
  if (newRoles.length) await tx.role.createMany({ data: newRoles.map((name) => ({ name })) });
  if (newUsers.length) {
    await tx.user.createMany({ data: newUsers.map((r) => ({ id: r.id, email: r.email, emailVerified: r.emailVerified, timeJoined: r.timeJoined })) });
    const withPassword = newUsers.filter((r) => r.passwordHash !== null && r.email !== null);
    if (withPassword.length)
      await tx.emailPasswordAccount.createMany({ data: withPassword.map((r) => ({ userId: r.id, email: r.email!, passwordHash: r.passwordHash! })) });
    await tx.importedUser.createMany({
      data: newUsers.map((r) => ({ userId: r.id, source: r.source, externalId: r.externalId, importedAt: now, metadata: toJsonColumn(r.metadata) })),
    });
  }
  const identities = [
    ...newUsers.flatMap((r) => r.thirdPartyAccounts.map((a) => ({ ...a, userId: r.id }))),
    ...updates.flatMap((u) => u.addIdentities.map((a) => ({ ...a, userId: u.userId }))),
  ];
  if (identities.length) await tx.thirdPartyAccount.createMany({ data: identities.map((a) => ({ id: randomUUID(), ...a })) });
  const userRoles = [
    ...newUsers.flatMap((r) => r.roles.map((role) => ({ userId: r.id, role }))),
    ...updates.flatMap((u) => u.addRoles.map((role) => ({ userId: u.userId, role }))),
  ];
  if (userRoles.length) await tx.userRole.createMany({ data: userRoles });
  for (const u of updates) {
    const { record } = u;
    if (u.markVerified) await tx.user.updateMany({ where: { id: u.userId, email: record.email }, data: { emailVerified: true } });
    if (u.addPassword) await tx.emailPasswordAccount.create({ data: { userId: u.userId, email: record.email!, passwordHash: record.passwordHash! } });
    await tx.importedUser.updateMany({ where: { userId: u.userId }, data: { metadata: toJsonColumn(record.metadata) } });
  }
}
