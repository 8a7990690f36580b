/**
 * The OrganizationStore contract for the writes that name a member by user id (a role change, a
 * removal, an ownership transfer): the id is compared exactly, on memory, SQLite, PostgreSQL and
 * MariaDB alike. MariaDB's default collation ignores case (and its comparisons pad trailing
 * spaces), so another spelling of a member's id reached that member there: an owner's transfer
 * to their own id in capitals passed the engine's "not to yourself" check and was recorded as a
 * transfer, and a removal under another spelling took the membership while the exact lookup of
 * the member's sessions inside the organization found none, leaving them alive.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { Stores } from "../auth/ports";
import { organizationFixtures } from "./testing/organization-fixtures";

/** Other spellings of a (lower-case) user id: upper case, and padded with a space. */
const spellingsOf = (userId: string) => [userId.toUpperCase(), `${userId} `];

export function runOrganizationMemberIdsContract(name: string, makeStores: () => Stores | Promise<Stores>): void {
  describe(`organization store contract, members named exactly: ${name}`, () => {
    let stores: Stores;
    beforeAll(async () => {
      stores = await makeStores();
    });

    const { withMember } = organizationFixtures(() => stores);

    async function rolesIn(organizationId: string) {
      return (await stores.organizations.listMembers(organizationId)).map((m) => [m.userId, m.role]);
    }

    it("another spelling of a member's id re-roles and removes nothing", async () => {
      const { org, owner, userId } = await withMember();
      const before = await rolesIn(org.id);
      for (const spelling of [...spellingsOf(userId), ...spellingsOf(owner)]) {
        expect([spelling, await stores.organizations.setMemberRole(org.id, spelling, "admin")]).toEqual([spelling, { status: "NOT_A_MEMBER" }]);
        expect([spelling, await stores.organizations.removeMember(org.id, spelling)]).toEqual([spelling, { status: "NOT_A_MEMBER" }]);
      }
      expect(await rolesIn(org.id)).toEqual(before);
      // The exact id still works.
      expect(await stores.organizations.setMemberRole(org.id, userId, "admin")).toEqual({ status: "OK" });
      expect(await stores.organizations.removeMember(org.id, userId)).toEqual({ status: "OK" });
    });

    it("ownership moves to no other spelling of a member's id, nor of the owner's own, nor from another spelling of the owner's", async () => {
      const { org, owner, userId } = await withMember();
      const before = await rolesIn(org.id);
      const transfer = (fromUserId: string, toUserId: string) =>
        stores.organizations.transferOwnership({ organizationId: org.id, fromUserId, toUserId, formerOwnerRole: "admin" });
      for (const spelling of spellingsOf(userId)) expect([spelling, await transfer(owner, spelling)]).toEqual([spelling, { status: "NOT_A_MEMBER" }]);
      // To oneself, in any spelling: the owner is no member to hand it to.
      for (const spelling of [owner, ...spellingsOf(owner)]) {
        expect([spelling, await transfer(owner, spelling)]).toEqual([spelling, { status: "NOT_A_MEMBER" }]);
      }
      for (const spelling of spellingsOf(owner))
        expect([spelling, await transfer(spelling, userId)]).toEqual([spelling, { status: "NOT_THE_OWNER" }]);
      expect(await rolesIn(org.id)).toEqual(before);
      // The exact ids still work.
      expect(await transfer(owner, userId)).toEqual({ status: "OK" });
      expect(await rolesIn(org.id)).toEqual([
        [owner, "admin"],
        [userId, "owner"],
      ]);
    });
  });
}
