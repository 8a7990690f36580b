/**
 * A member of an organization is named by their user id exactly, on every database. MariaDB's
 * default collation ignores case and pads trailing spaces, so a write naming another spelling of
 * a member's id reached that member while the exact comparisons beside it did not:
 * - an owner's transfer to their own id in capitals passed the "not to yourself" check, changed
 *   nothing, and was answered OK and recorded in the audit log as a transfer;
 * - removing a member under another spelling took the membership and left their sessions inside
 *   the organization alive (those are found by the exact id).
 */
import { describe, expect, it } from "vitest";
import { createPrismaStores } from "../store";
import { describeOnEachDatabase } from "../store/testing/each-database";
import { organizationWithMember } from "./testing/organization-world";

const API = "/api/auth";
/** Other spellings of a (lower-case) user id: upper case, and padded with a space. */
const spellingsOf = (id: string) => [id.toUpperCase(), `${id} `];

describeOnEachDatabase((provider, url) => {
  describe(`organization members are named by their ids exactly (${provider})`, () => {
    let organizations = 0;

    async function setUp() {
      const slug = `acme-${++organizations}`;
      const world = await organizationWithMember(createPrismaStores(url()), slug, "member");
      const { owner, member: bob, stores, ctx } = world;
      // Bob works inside the organization.
      expect((await bob.client.send("PUT", `${API}/organizations/active`, { body: { organizationId: slug } })).status).toBe(200);
      const bobSessions = async () => (await stores.sessions.listSessionsForUser(bob.id, ctx.now())).length;
      const roles = async () => (await stores.organizations.listMembers(slug)).map((m) => [m.userId, m.role]);
      const auditTypes = async () => {
        await ctx.audit.settled();
        return (await stores.audit.listEvents({ userId: owner.id, limit: 100 })).map((e) => e.type);
      };
      return { ...world, slug, owner, bob, bobSessions, roles, auditTypes };
    }

    it("an owner's transfer to another spelling of their own id, or of a member's, is refused, changes nothing and records nothing", async () => {
      const { slug, owner, bob, roles, auditTypes } = await setUp();
      const before = await roles();
      for (const spelling of [...spellingsOf(owner.id), ...spellingsOf(bob.id)]) {
        const transferred = await owner.client.send("POST", `${API}/organizations/${slug}/transfer`, { body: { userId: spelling } });
        expect([spelling, transferred.status, await transferred.json()]).toEqual([spelling, 404, { status: "NOT_A_MEMBER" }]);
      }
      expect(await roles()).toEqual(before);
      expect(await auditTypes()).not.toContain("organization.ownership_transferred");
      // To the member's own id, it moves, and is recorded.
      expect((await owner.client.send("POST", `${API}/organizations/${slug}/transfer`, { body: { userId: bob.id } })).status).toBe(200);
      expect(Object.fromEntries(await roles())).toEqual({ [owner.id]: "admin", [bob.id]: "owner" });
      expect(await auditTypes()).toContain("organization.ownership_transferred");
    });

    it("another spelling of a member's id re-roles and removes nothing, for the owner and the admin API alike; the exact id removes them with their sessions inside", async () => {
      const { asAdmin, slug, owner, bob, bobSessions, roles } = await setUp();
      const before = await roles();
      for (const spelling of spellingsOf(bob.id).map(encodeURIComponent)) {
        const member = `${API}/organizations/${slug}/members/${spelling}`;
        const reRoled = await owner.client.send("PUT", member, { body: { role: "admin" } });
        expect([spelling, reRoled.status]).toEqual([spelling, 404]);
        const removed = await owner.client.send("DELETE", member);
        expect([spelling, removed.status]).toEqual([spelling, 404]);
        const removedByAdmin = await asAdmin("DELETE", `/admin/organizations/${slug}/members/${spelling}`);
        expect([spelling, removedByAdmin.status]).toEqual([spelling, 404]);
      }
      expect(await roles()).toEqual(before);
      expect(await bobSessions()).toBe(1);

      expect((await owner.client.send("DELETE", `${API}/organizations/${slug}/members/${bob.id}`)).status).toBe(200);
      expect(await bobSessions()).toBe(0);
    });
  });
});
