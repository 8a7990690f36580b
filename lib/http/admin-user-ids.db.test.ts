/**
 * The admin API names a user by their id exactly, on every database. MariaDB's default collation
 * ignores case and pads trailing spaces, so another spelling of a user's id ("ABC…" for "abc…",
 * "abc… ") found that user there while the exact comparisons beside it (their memberships, owner
 * succession) did not: DELETE /admin/users/<ID IN CAPITALS> deleted the user without handing
 * their organization to its other member, and the role, session and factor routes acted on them.
 */
import { describe, expect, it } from "vitest";
import { createPrismaStores } from "../store";
import { describeOnEachDatabase } from "../store/testing/each-database";
import { organizationWithMember } from "./testing/organization-world";

/** Other spellings of a (lower-case) user id, as a path segment: upper case, and padded with a space. */
const spellingsOf = (id: string) => [id.toUpperCase(), `${id}%20`];

describeOnEachDatabase((provider, url) => {
  describe(`the admin API names users by their ids exactly (${provider})`, () => {
    let organizations = 0;

    async function setUp() {
      const slug = `users-${++organizations}`;
      const world = await organizationWithMember(createPrismaStores(url()), slug, "admin", "example.com");
      await world.stores.roles.createRoleOrAddPermissions("editor", ["write"]);
      return { ...world, slug, bob: world.owner, alice: world.member };
    }

    it("another spelling of a user's id names no user: nothing is read, granted, revoked or deleted by it", async () => {
      const { stores, slug, asAdmin, bob, ctx } = await setUp();
      for (const spelling of spellingsOf(bob.id)) {
        const answers = [
          (await asAdmin("GET", `/admin/users/${spelling}`)).status,
          (await asAdmin("GET", `/admin/users/${spelling}/sessions`)).status,
          (await asAdmin("POST", `/admin/users/${spelling}/sessions/revoke`, { all: true })).status,
          (await asAdmin("GET", `/admin/users/${spelling}/roles`)).status,
          (await asAdmin("PUT", `/admin/users/${spelling}/roles/editor`)).status,
        ];
        expect([spelling, answers]).toEqual([spelling, [404, 404, 404, 404, 404]]);
        const deleted = await asAdmin("DELETE", `/admin/users/${spelling}`);
        expect([spelling, deleted.status, await deleted.json()]).toEqual([spelling, 200, { status: "OK", didUserExist: false }]);
      }
      expect(await stores.users.getUserById(bob.id)).toMatchObject({ id: bob.id });
      expect(await stores.sessions.listSessionHandlesForUser(bob.id, ctx.now())).toHaveLength(1);
      expect(await stores.roles.getRolesForUser(bob.id)).toEqual([]);
      expect(await stores.organizations.getMembership(slug, bob.id)).toMatchObject({ role: "owner" });
    });

    it("the exact id deletes the user, and their organization goes to its other member", async () => {
      const { stores, slug, asAdmin, bob, alice } = await setUp();
      const deleted = await asAdmin("DELETE", `/admin/users/${bob.id}`);
      expect(await deleted.json()).toEqual({ status: "OK", didUserExist: true });
      expect(await stores.users.getUserById(bob.id)).toBeNull();
      expect(await stores.organizations.getMembership(slug, alice.id)).toMatchObject({ role: "owner" });
    });
  });
});
