/**
 * The ImportStore contract, run on memory (memory-import-store.test.ts) and on SQLite,
 * PostgreSQL and MariaDB (prisma-import-store.db.test.ts). One `Stores` serves the whole suite,
 * so each test imports under its own source name, ids and emails.
 */
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { ImportUserRecord, Stores } from "../auth/ports";

const T0 = new Date("2024-02-03T04:05:06.789Z");
const NOW = new Date("2031-05-06T07:08:09.123Z");

export function record(source: string, overrides: Partial<ImportUserRecord> = {}): ImportUserRecord {
  const id = randomUUID();
  return {
    id,
    source,
    externalId: `ext-${id}`,
    email: `${id}@example.com`,
    emailVerified: true,
    timeJoined: T0,
    passwordHash: "$2b$04$otlvKeC.X0zjGSvqkAsXYuewaWKsWc/43I5.WWfcLUnClctdztbK2",
    thirdPartyAccounts: [],
    roles: [],
    metadata: {},
    ...overrides,
  };
}

export function runImportStoreContract(name: string, makeStores: () => Stores | Promise<Stores>): void {
  describe(`import store contract: ${name}`, () => {
    let stores: Stores;
    beforeAll(async () => {
      stores = await makeStores();
    });
    const run = (records: ImportUserRecord[], dryRun = false) => stores.imports.importUsers(records, { dryRun, now: NOW });
    // Every test's users are few: one page holds the whole suite's.
    const exported = async (id: string) => (await stores.imports.exportUsers({ limit: 10_000 })).find((u) => u.id === id);

    it("creates each user with its password hash, identities, roles, metadata, verified email and time joined", async () => {
      const source = `s-${randomUUID().slice(0, 8)}`;
      const a = record(source, {
        thirdPartyAccounts: [{ thirdPartyId: "google", thirdPartyUserId: `g-${randomUUID()}`, email: "other@example.com" }],
        roles: [`admin-${source}`, `editor-${source}`],
        metadata: { plan: "pro", nested: { n: 1 } },
      });
      const b = record(source, {
        passwordHash: null,
        email: null,
        emailVerified: false,
        thirdPartyAccounts: [{ thirdPartyId: "github", thirdPartyUserId: `G-${randomUUID()}`, email: "" }],
      });
      expect(await run([a, b])).toEqual([
        { status: "CREATED", userId: a.id },
        { status: "CREATED", userId: b.id },
      ]);
      const user = await stores.users.findEmailPasswordAccountByEmail(a.email!);
      expect(user?.account.passwordHash).toBe(a.passwordHash);
      expect(user?.user).toEqual({ id: a.id, email: a.email, emailVerified: true, timeJoined: T0 });
      const identity = a.thirdPartyAccounts[0];
      expect((await stores.thirdParty.findAccount(identity.thirdPartyId, identity.thirdPartyUserId))?.user.id).toBe(a.id);
      expect(await stores.roles.getRolesForUser(a.id)).toEqual(a.roles);
      const [info] = await stores.imports.getImportedUsers([a.id]);
      expect(info).toEqual({ userId: a.id, source, externalId: a.externalId, importedAt: NOW, metadata: a.metadata });
      expect((await stores.imports.findByExternalId(b.externalId)).map((i) => i.userId)).toEqual([b.id]);
      // Old ids are case-sensitive, and MySQL's binary collation still pads: "id " is another id.
      for (const spelling of [b.externalId.toUpperCase(), `${b.externalId} `]) expect(await stores.imports.findByExternalId(spelling)).toEqual([]);
      const row = await exported(a.id);
      expect(row).toMatchObject({ id: a.id, email: a.email, passwordHash: a.passwordHash, roles: a.roles, thirdPartyAccounts: a.thirdPartyAccounts });
    });

    it("keeps a source's metadata beyond 64 KiB (a TEXT column's limit on MySQL)", async () => {
      const source = `s-${randomUUID().slice(0, 8)}`;
      const metadata = { notes: "é".repeat(40_000), more: "x".repeat(30_000) };
      const a = record(source, { metadata });
      expect(await run([a])).toEqual([{ status: "CREATED", userId: a.id }]);
      const [info] = await stores.imports.getImportedUsers([a.id]);
      expect(info?.metadata).toEqual(metadata);
    });

    it("a re-run updates instead of duplicating, and keeps a password changed since", async () => {
      const source = `s-${randomUUID().slice(0, 8)}`;
      const a = record(source, { emailVerified: false, roles: [`r1-${source}`] });
      await run([a]);
      await stores.users.updatePasswordHash(a.id, "$argon2id$v=19$m=19456,t=2,p=1$changed$since");
      const identity = { thirdPartyId: "google", thirdPartyUserId: `g-${randomUUID()}`, email: a.email! };
      const again = {
        ...a,
        id: randomUUID(),
        emailVerified: true,
        roles: [`r1-${source}`, `r2-${source}`],
        thirdPartyAccounts: [identity],
        metadata: { v: 2 },
      };
      expect(await run([again])).toEqual([{ status: "UPDATED", userId: a.id }]);
      expect(await run([again])).toEqual([{ status: "UPDATED", userId: a.id }]);
      const row = await exported(a.id);
      expect(row?.passwordHash).toBe("$argon2id$v=19$m=19456,t=2,p=1$changed$since");
      expect(row?.emailVerified).toBe(true);
      expect(row?.roles).toEqual([`r1-${source}`, `r2-${source}`]);
      expect(row?.thirdPartyAccounts).toEqual([identity]);
      expect(row?.imported?.metadata).toEqual({ v: 2 });
      expect(await stores.users.getUserById(again.id)).toBeNull();
    });

    it("reports conflicts per user and imports the rest of the batch", async () => {
      const source = `s-${randomUUID().slice(0, 8)}`;
      const taken = record(`other-${source}`, {
        thirdPartyAccounts: [{ thirdPartyId: "google", thirdPartyUserId: `g-${randomUUID()}`, email: "x@example.com" }],
      });
      await run([taken]);
      const sameEmail = record(source, { email: taken.email });
      const sameIdentity = record(source, { thirdPartyAccounts: taken.thirdPartyAccounts });
      const sameId = record(source, { id: taken.id });
      const fine = record(source);
      const twiceInBatch = record(source, { email: fine.email });
      expect(await run([sameEmail, sameIdentity, fine, sameId, twiceInBatch])).toEqual([
        { status: "CONFLICT", reason: "EMAIL_BELONGS_TO_ANOTHER_USER", otherUserId: taken.id },
        { status: "CONFLICT", reason: "THIRD_PARTY_IDENTITY_BELONGS_TO_ANOTHER_USER", otherUserId: taken.id },
        { status: "CREATED", userId: fine.id },
        { status: "CONFLICT", reason: "USER_ID_TAKEN", otherUserId: taken.id },
        { status: "CONFLICT", reason: "EMAIL_BELONGS_TO_ANOTHER_USER", otherUserId: fine.id },
      ]);
      expect(await stores.users.getUserById(fine.id)).not.toBeNull();
      expect(await stores.users.getUserById(sameEmail.id)).toBeNull();
    });

    it("a dry run decides the same and writes nothing", async () => {
      const source = `s-${randomUUID().slice(0, 8)}`;
      const a = record(source, { roles: [`dry-${source}`] });
      expect(await run([a], true)).toEqual([{ status: "CREATED", userId: a.id }]);
      expect(await stores.users.getUserById(a.id)).toBeNull();
      expect(await stores.roles.listRoles()).not.toContain(`dry-${source}`);
      expect(await run([a])).toEqual([{ status: "CREATED", userId: a.id }]);
    });
  });
}
