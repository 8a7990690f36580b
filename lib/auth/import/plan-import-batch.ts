/**
 * What importing a batch does to each user, decided from what the database already holds: the
 * one place the import's rules live, shared by every ImportStore (Prisma and memory), so that a
 * dry run, a real run and the in-memory fake cannot disagree. Pure: the store reads the
 * `ExistingState` for the batch, calls this, and writes `BatchWrites` in one transaction.
 */
import type { ImportOutcome, ImportUserRecord } from "../ports/import-store";

export const identityKey = (thirdPartyId: string, thirdPartyUserId: string) => `${thirdPartyId}\u0000${thirdPartyUserId}`;
export const externalKey = (source: string, externalId: string) => `${source}\u0000${externalId}`;

/** A user imported before, as far as an update needs it. */
export interface MappedUser {
  email: string | null;
  hasPassword: boolean;
  roles: Set<string>;
}

/** The database as far as the batch touches it (stores load only the keys `batchKeys` names). */
export interface ExistingState {
  /** externalKey(source, externalId) → Gatehouse user id. */
  mappings: Map<string, string>;
  mappedUsers: Map<string, MappedUser>;
  userIds: Set<string>;
  /**
   * Whether the database compares user ids ignoring case (MariaDB/MySQL): then a stored "AbC1"
   * takes "abc1" too, which it cannot hold beside it. Unset: ids compare exactly.
   */
  userIdsIgnoreCase?: boolean;
  /** Normalised email → the user id holding it. */
  emailOwners: Map<string, string>;
  /** identityKey → the user id it signs in to. */
  identityOwners: Map<string, string>;
  roles: Set<string>;
}

export interface UserUpdate {
  userId: string;
  record: ImportUserRecord;
  addIdentities: ImportUserRecord["thirdPartyAccounts"];
  addRoles: string[];
  markVerified: boolean;
  /** Adds the record's password: only to a user without one, whose email is the record's. */
  addPassword: boolean;
}

export interface BatchWrites {
  newRoles: string[];
  newUsers: ImportUserRecord[];
  updates: UserUpdate[];
}

/** The keys of the rows a store must read to fill `ExistingState` for these records. */
export function batchKeys(records: ImportUserRecord[]) {
  return {
    externalIds: records.map((r) => ({ source: r.source, externalId: r.externalId })),
    userIds: [...new Set(records.map((r) => r.id))],
    emails: [...new Set(records.flatMap((r) => (r.email ? [r.email] : [])))],
    identities: records.flatMap((r) => r.thirdPartyAccounts.map((a) => ({ thirdPartyId: a.thirdPartyId, thirdPartyUserId: a.thirdPartyUserId }))),
    roles: [...new Set(records.flatMap((r) => r.roles))],
  };
}

export function planImportBatch(records: ImportUserRecord[], existing: ExistingState): { outcomes: ImportOutcome[]; writes: BatchWrites } {
  // Claims made by earlier records of this batch count like rows already stored.
  const userIds = new Set(existing.userIds);
  const emailOwners = new Map(existing.emailOwners);
  const identityOwners = new Map(existing.identityOwners);
  const mappings = new Map(existing.mappings);
  const roles = new Set(existing.roles);
  // A stored id by its letters in any case, where the database compares ids ignoring case
  // (MariaDB): it returns the row of "AbC1" for "abc1", which it cannot hold beside it. Only there:
  // elsewhere a stored "AbC1" read for a record of its own in the batch does not take "abc1".
  const storedIdSpellings = new Map(existing.userIdsIgnoreCase ? [...existing.userIds].map((id) => [id.toLowerCase(), id]) : []);
  const writes: BatchWrites = { newRoles: [], newUsers: [], updates: [] };
  const outcomes: ImportOutcome[] = [];

  const claimRoles = (names: string[]) => {
    for (const role of names.filter((r) => !roles.has(r))) {
      roles.add(role);
      writes.newRoles.push(role);
    }
  };

  for (const record of records) {
    const key = externalKey(record.source, record.externalId);
    const mappedId = mappings.get(key);
    const foreignIdentity = record.thirdPartyAccounts
      .map((a) => identityOwners.get(identityKey(a.thirdPartyId, a.thirdPartyUserId)))
      .find((owner) => owner !== undefined && owner !== mappedId);
    if (foreignIdentity !== undefined) {
      outcomes.push({ status: "CONFLICT", reason: "THIRD_PARTY_IDENTITY_BELONGS_TO_ANOTHER_USER", otherUserId: foreignIdentity });
      continue;
    }
    if (mappedId !== undefined) {
      outcomes.push({ status: "UPDATED", userId: mappedId });
      writes.updates.push(planUpdate(record, mappedId, existing.mappedUsers.get(mappedId), identityOwners, writes));
      claimRoles(record.roles);
      continue;
    }
    const emailOwner = record.email ? emailOwners.get(record.email) : undefined;
    if (emailOwner !== undefined) {
      outcomes.push({ status: "CONFLICT", reason: "EMAIL_BELONGS_TO_ANOTHER_USER", otherUserId: emailOwner });
      continue;
    }
    const takenId = userIds.has(record.id) ? record.id : storedIdSpellings.get(record.id.toLowerCase());
    if (takenId !== undefined) {
      outcomes.push({ status: "CONFLICT", reason: "USER_ID_TAKEN", otherUserId: takenId });
      continue;
    }
    userIds.add(record.id);
    mappings.set(key, record.id);
    if (record.email) emailOwners.set(record.email, record.id);
    for (const a of record.thirdPartyAccounts) identityOwners.set(identityKey(a.thirdPartyId, a.thirdPartyUserId), record.id);
    claimRoles(record.roles);
    writes.newUsers.push(record);
    outcomes.push({ status: "CREATED", userId: record.id });
  }
  return { outcomes, writes };
}

function planUpdate(
  record: ImportUserRecord,
  userId: string,
  user: MappedUser | undefined,
  identityOwners: Map<string, string>,
  writes: BatchWrites,
): UserUpdate {
  const addIdentities = record.thirdPartyAccounts.filter((a) => !identityOwners.has(identityKey(a.thirdPartyId, a.thirdPartyUserId)));
  for (const a of addIdentities) identityOwners.set(identityKey(a.thirdPartyId, a.thirdPartyUserId), userId);
  const sameEmail = record.email !== null && user?.email === record.email;
  // A user updated twice in one batch: the second sees the first's roles and password as written.
  const earlier = writes.updates.filter((u) => u.userId === userId);
  const held = new Set([...(user?.roles ?? []), ...earlier.flatMap((u) => u.addRoles)]);
  const hasPassword = (user?.hasPassword ?? true) || earlier.some((u) => u.addPassword);
  return {
    userId,
    record,
    addIdentities,
    addRoles: record.roles.filter((r) => !held.has(r)),
    markVerified: sameEmail && record.emailVerified,
    addPassword: sameEmail && !hasPassword && record.passwordHash !== null,
  };
}
