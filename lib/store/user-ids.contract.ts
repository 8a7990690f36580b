/**
 * The store contract for reads and deletions by user id: the id is compared exactly, on memory,
 * SQLite, PostgreSQL and MariaDB alike. MariaDB's default collation ignores case (and its
 * comparisons pad trailing spaces), so another spelling of a user's id found that user there: the
 * admin API read, granted roles to, revoked the sessions of and deleted the user by it, and the
 * deletion skipped the owner succession, whose exact reads found none of their organizations.
 * Runs inside runStoreContract (stores.contract.ts).
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Stores, UserRow } from "../auth/ports";

const T0 = new Date("2031-05-06T07:08:09.123Z");
const REVOKED = { revokedAt: T0, expiresAt: new Date(T0.getTime() + 3_600_000) };
/** Other spellings of a (lower-case) user id: upper case, and padded with a space. */
const spellingsOf = (id: string) => [id.toUpperCase(), `${id} `];

export function describeUserIdsContract(getStores: () => Stores, createUser: (email?: string) => Promise<UserRow>): void {
  describe("users named by their ids exactly", () => {
    it("another spelling of a user's id finds, lists and deletes nothing", async () => {
      const stores = getStores();
      const user = await createUser();
      const organization = { id: `ids-${randomUUID().slice(0, 8)}`, name: "Ids", loginMethods: null, createdAt: T0 };
      expect(await stores.organizations.createOrganization({ organization, ownerUserId: user.id })).toEqual({ status: "OK" });
      for (const spelling of spellingsOf(user.id)) {
        expect([spelling, await stores.users.getUserById(spelling)]).toEqual([spelling, null]);
        expect([spelling, await stores.userAdmin.getUserSummary(spelling)]).toEqual([spelling, null]);
        expect([spelling, await stores.organizations.listMembershipsOfUser(spelling)]).toEqual([spelling, []]);
        expect([spelling, await stores.userAdmin.deleteUser(spelling, REVOKED)]).toEqual([
          spelling,
          { didUserExist: false, revokedSessionHandles: [] },
        ]);
      }
      expect(await stores.users.getUserById(user.id)).toEqual(user);
      expect(await stores.userAdmin.getUserSummary(user.id)).toMatchObject({ id: user.id });
      expect((await stores.organizations.listMembershipsOfUser(user.id)).map((m) => m.membership)).toEqual([
        { organizationId: organization.id, userId: user.id, role: "owner", joinedAt: T0 },
      ]);
      // Refused while they own an organization, which would lose its owner (the engine hands it on first).
      expect(await stores.userAdmin.deleteUser(user.id, REVOKED)).toEqual({
        didUserExist: true,
        revokedSessionHandles: [],
        stillOwnsOrganizations: true,
      });
      expect(await stores.users.getUserById(user.id)).toEqual(user);
      expect(await stores.organizations.deleteOrganization(organization.id)).toBe(true);
      expect(await stores.userAdmin.deleteUser(user.id, REVOKED)).toEqual({ didUserExist: true, revokedSessionHandles: [] });
    });
  });
}
