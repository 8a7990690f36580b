/**
 * An organization is named by its slug exactly, on every database. MariaDB's default collation
 * ignores case and accents and pads with spaces, so a write keyed by another spelling of a slug
 * ("ACME", "ácme", "acme ") reached the organization while the exact comparisons around it (the
 * sessions inside it, the sealing of its client secrets) did not: the organization was deleted,
 * or a member removed, with their sessions inside it left alive.
 */
import { describe, expect, it } from "vitest";
import { listMembers } from "../auth/organizations/organizations";
import { getOrganizationWithMembers } from "../auth/organizations/tenant-admin";
import { createPrismaStores } from "../store";
import { describeOnEachDatabase } from "../store/testing/each-database";
import { organizationWithMember } from "./testing/organization-world";

const API = "/api/auth";
/** Other spellings of a slug that starts with "a": upper case, capitalised, accented, padded. */
const spellingsOf = (slug: string) => [slug.toUpperCase(), slug[0]!.toUpperCase() + slug.slice(1), `%C3%A1${slug.slice(1)}`, `${slug}%20`];

describeOnEachDatabase((provider, url) => {
  describe(`organization ids are slugs, compared exactly (${provider})`, () => {
    let organizations = 0;

    async function setUp() {
      const slug = `acme-${++organizations}`;
      const world = await organizationWithMember(createPrismaStores(url()), slug, "member");
      const bob = world.member;
      // Bob works inside the organization.
      const switched = await bob.client.send("PUT", `${API}/organizations/active`, { body: { organizationId: slug } });
      expect(switched.status).toBe(200);
      const bobSessions = async () => (await world.stores.sessions.listSessionsForUser(bob.id, world.ctx.now())).length;
      expect(await bobSessions()).toBe(1);
      return { ...world, slug, bob, bobSessions };
    }

    it("another spelling of a slug names no organization: the admin API deletes, reconfigures and removes nothing by it", async () => {
      const { slug, asAdmin, stores, bob, bobSessions } = await setUp();
      for (const spelling of spellingsOf(slug)) {
        const removed = await asAdmin("DELETE", `/admin/organizations/${spelling}/members/${bob.id}`);
        expect([spelling, removed.status]).toEqual([spelling, 404]);
        const configured = await asAdmin("PUT", `/admin/organizations/${spelling}/login-methods`, { loginMethods: { signUpOpen: true } });
        expect([spelling, configured.status]).toEqual([spelling, 404]);
        const deleted = await asAdmin("DELETE", `/admin/organizations/${spelling}`);
        expect([spelling, deleted.status]).toEqual([spelling, 404]);
      }
      expect(await stores.organizations.getOrganization(slug)).toMatchObject({ id: slug, loginMethods: null });
      expect(await stores.organizations.getMembership(slug, bob.id)).toMatchObject({ role: "member" });
      expect(await bobSessions()).toBe(1);

      // The slug itself still works, and takes the sessions inside with it.
      expect((await asAdmin("DELETE", `/admin/organizations/${slug}/members/${bob.id}`)).status).toBe(200);
      expect(await bobSessions()).toBe(0);
    });

    it("the pages' reads name no organization by what is no slug: an id with U+0000 is unknown, not a store failure", async () => {
      // `/account/organizations/<slug>` (any signed-in user) and `/admin/organizations/<slug>`
      // hand the decoded path segment to these; PostgreSQL refuses U+0000 in a query, and the
      // page failed with a 500 where another unknown slug gets the 404 page.
      const { slug, ctx, bob } = await setUp();
      for (const id of [`${slug}\0`, "\0", slug.toUpperCase()]) {
        expect(await listMembers(ctx, { organizationId: id, userId: bob.id }), JSON.stringify(id)).toEqual({ status: "UNKNOWN_ORGANIZATION" });
        expect(await getOrganizationWithMembers(ctx, id), JSON.stringify(id)).toEqual({ status: "UNKNOWN_ORGANIZATION" });
      }
      expect(await listMembers(ctx, { organizationId: slug, userId: bob.id })).toMatchObject({ status: "OK" });
    });

    it("a member leaves by the slug only, and leaving takes their sessions inside it", async () => {
      const { slug, bob, stores, bobSessions } = await setUp();
      for (const spelling of spellingsOf(slug)) {
        const left = await bob.client.send("POST", `${API}/organizations/${spelling}/leave`);
        expect([spelling, left.status, await left.json()]).toEqual([spelling, 404, { status: "UNKNOWN_ORGANIZATION" }]);
      }
      expect(await stores.organizations.getMembership(slug, bob.id)).toMatchObject({ role: "member" });
      expect(await bobSessions()).toBe(1);
      expect((await bob.client.send("POST", `${API}/organizations/${slug}/leave`)).status).toBe(200);
      expect(await bobSessions()).toBe(0);
    });
  });
});
