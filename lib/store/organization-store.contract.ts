/**
 * The OrganizationStore contract, run on memory (memory-organization-store.test.ts) and on
 * SQLite, PostgreSQL and MariaDB (prisma-organization-store.db.test.ts). One `Stores` serves
 * the whole suite, so each test works on its own organizations, users and emails. The reads that
 * join organizations to memberships and sessions, and the user deletion's cascade:
 * organization-store-reads.contract.ts.
 */
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { Stores } from "../auth/ports";
import { at, hex, organizationFixtures, slug, T0 } from "./testing/organization-fixtures";

export function runOrganizationStoreContract(name: string, makeStores: () => Stores | Promise<Stores>): void {
  describe(`organization store contract: ${name}`, () => {
    let stores: Stores;
    beforeAll(async () => {
      stores = await makeStores();
    });

    const { user, organization, withMember, invitation } = organizationFixtures(() => stores);

    it("creates an organization with its owner, every column intact, once", async () => {
      const loginMethods = { firstFactors: ["emailpassword"], signUpOpen: false, allowedEmailDomains: ["acme.test"] };
      const { org, owner } = await organization({ name: "Ünïcode Ltd", loginMethods });
      expect(await stores.organizations.getOrganization(org.id)).toEqual(org);
      expect(await stores.organizations.getOrganization(org.id.toUpperCase())).toBeNull();
      expect(await stores.organizations.listMembers(org.id)).toEqual([{ organizationId: org.id, userId: owner, role: "owner", joinedAt: T0 }]);
      expect(await stores.organizations.createOrganization({ organization: org, ownerUserId: await user() })).toEqual({
        status: "ORGANIZATION_ALREADY_EXISTS",
      });
      const orphan = { ...org, id: slug("orphan") };
      expect(await stores.organizations.createOrganization({ organization: orphan, ownerUserId: randomUUID() })).toEqual({ status: "UNKNOWN_USER" });
      expect(await stores.organizations.getOrganization(orphan.id)).toBeNull();
    });

    it("lists the organizations that require a second factor, a few by slug and how many in all", async () => {
      const totp = await organization({ loginMethods: { requiredSecondaryFactors: ["totp"], firstFactors: ["emailpassword"] } });
      const later = await organization({ loginMethods: { signUpOpen: true, requiredSecondaryFactors: ["totp"] } });
      const empty = await organization({ loginMethods: { requiredSecondaryFactors: [] } });
      // The key's text inside a value (a client id here) is no requirement.
      const client = { id: "acme", clientId: '"requiredSecondaryFactors":["totp"]', clientSecret: "s" };
      const lookalike = await organization({ loginMethods: { thirdPartyProviders: [client] } });
      const none = await organization();
      const all = await stores.organizations.listOrganizationsRequiringSecondaryFactors(10_000);
      expect(all.ids).toEqual(expect.arrayContaining([totp.org.id, later.org.id]));
      for (const { org } of [empty, lookalike, none]) expect(all.ids).not.toContain(org.id);
      expect(all.ids).toEqual([...all.ids].sort());
      expect(all.total).toBe(all.ids.length);
      expect(await stores.organizations.listOrganizationsRequiringSecondaryFactors(1)).toEqual({ ids: all.ids.slice(0, 1), total: all.total });
      expect(await stores.organizations.updateOrganization(totp.org.id, { loginMethods: { requiredSecondaryFactors: [] } })).toBe(true);
      const after = await stores.organizations.listOrganizationsRequiringSecondaryFactors(10_000);
      expect(after).toEqual({ ids: all.ids.filter((id) => id !== totp.org.id), total: all.total - 1 });
    });

    it("keeps login methods beyond 64 KiB (a TEXT column's limit on MySQL), when created and when updated", async () => {
      // 4,000 domains: about 100 KB of JSON, which SQLite and PostgreSQL always kept.
      const allowedEmailDomains = Array.from({ length: 4_000 }, (_, i) => `department-${i}.university.example`);
      const { org } = await organization({ loginMethods: { allowedEmailDomains, requiredSecondaryFactors: ["totp"] } });
      expect(await stores.organizations.getOrganization(org.id)).toEqual(org);
      expect((await stores.organizations.listOrganizationsRequiringSecondaryFactors(10_000)).ids).toContain(org.id);
      const loginMethods = { allowedEmailDomains: allowedEmailDomains.map((d) => `é.${d}`), signUpOpen: true };
      expect(await stores.organizations.updateOrganization(org.id, { loginMethods })).toBe(true);
      expect(await stores.organizations.getOrganization(org.id)).toEqual({ ...org, loginMethods });
    });

    it("of concurrent creations of one slug makes exactly one", async () => {
      const id = slug("race");
      const owners = await Promise.all(Array.from({ length: 5 }, () => user()));
      const results = await Promise.all(
        owners.map((ownerUserId) =>
          stores.organizations.createOrganization({ organization: { id, name: "R", loginMethods: null, createdAt: T0 }, ownerUserId }),
        ),
      );
      expect(results.filter((r) => r.status === "OK")).toHaveLength(1);
      expect(await stores.organizations.listMembers(id)).toHaveLength(1);
    });

    it("updates the name and login methods, and lists organizations a page at a time", async () => {
      const { org } = await organization();
      expect(await stores.organizations.updateOrganization(org.id, { loginMethods: { signUpOpen: true } })).toBe(true);
      expect(await stores.organizations.updateOrganization(org.id, { name: "Renamed" })).toBe(true);
      expect(await stores.organizations.getOrganization(org.id)).toEqual({ ...org, name: "Renamed", loginMethods: { signUpOpen: true } });
      expect(await stores.organizations.updateOrganization(org.id, { loginMethods: null })).toBe(true);
      expect((await stores.organizations.getOrganization(org.id))?.loginMethods).toBeNull();
      expect(await stores.organizations.updateOrganization(slug("none"), { name: "x" })).toBe(false);
      const first = await stores.organizations.listOrganizations({ limit: 2 });
      expect(first).toHaveLength(2);
      const next = await stores.organizations.listOrganizations({ limit: 100, afterId: first[1]!.id });
      expect(next.every((o) => o.id > first[1]!.id)).toBe(true);
      expect([...first, ...next].map((o) => o.id)).toContain(org.id);
    });

    it("adds, lists, re-roles and removes members; of concurrent adds of one user exactly one counts", async () => {
      const { org, owner, userId } = await withMember("admin");
      const racer = await user();
      const adds = await Promise.all(
        Array.from({ length: 6 }, () =>
          stores.organizations.addMember({ organizationId: org.id, userId: racer, role: "member", joinedAt: at(2000) }),
        ),
      );
      expect(adds.filter((r) => r.status === "OK")).toHaveLength(1);
      expect(adds.filter((r) => r.status === "ALREADY_MEMBER")).toHaveLength(5);
      expect((await stores.organizations.listMembers(org.id)).map((m) => m.userId)).toEqual([owner, userId, racer]);
      expect(await stores.organizations.addMember({ organizationId: slug("none"), userId, role: "member", joinedAt: T0 })).toEqual({
        status: "UNKNOWN_ORGANIZATION_OR_USER",
      });
      expect(await stores.organizations.setMemberRole(org.id, racer, "admin")).toEqual({ status: "OK" });
      expect((await stores.organizations.getMembership(org.id, racer))?.role).toBe("admin");
      expect(await stores.organizations.setMemberRole(org.id, owner, "member")).toEqual({ status: "MEMBER_IS_OWNER" });
      expect(await stores.organizations.removeMember(org.id, owner)).toEqual({ status: "MEMBER_IS_OWNER" });
      expect(await stores.organizations.setMemberRole(org.id, randomUUID(), "admin")).toEqual({ status: "NOT_A_MEMBER" });
      const removals = await Promise.all(Array.from({ length: 4 }, () => stores.organizations.removeMember(org.id, racer)));
      expect(removals.filter((r) => r.status === "OK")).toHaveLength(1);
      expect(await stores.organizations.getMembership(org.id, racer)).toBeNull();
      expect(await stores.organizations.getMembership(org.id, owner)).toEqual({ organizationId: org.id, userId: owner, role: "owner", joinedAt: T0 });
    });

    it("lists a user's memberships with their organizations", async () => {
      const { org: a, userId } = await withMember();
      const { org: b } = await organization();
      await stores.organizations.addMember({ organizationId: b.id, userId, role: "admin", joinedAt: T0 });
      const mine = await stores.organizations.listMembershipsOfUser(userId);
      expect(mine.map((m) => [m.organization.id, m.membership.role])).toEqual(
        [
          [a.id, "member"],
          [b.id, "admin"],
        ].sort((x, y) => (x[0]! < y[0]! ? -1 : 1)),
      );
      expect(await stores.organizations.listMembershipsOfUser(randomUUID())).toEqual([]);
    });

    it("reads a user with their organizations' ids and names in one call", async () => {
      const { org: a, userId } = await withMember();
      const { org: b } = await organization({ name: "Beta & Co" });
      await stores.organizations.addMember({ organizationId: b.id, userId, role: "admin", joinedAt: T0 });
      const found = await stores.organizations.getUserWithOrganizations(userId);
      expect(found?.user).toEqual(await stores.users.getUserById(userId));
      expect(found?.organizations).toEqual(
        [
          { id: a.id, name: a.name },
          { id: b.id, name: "Beta & Co" },
        ].sort((x, y) => (x.id < y.id ? -1 : 1)),
      );
      const loner = await user();
      expect(await stores.organizations.getUserWithOrganizations(loner)).toEqual({ user: await stores.users.getUserById(loner), organizations: [] });
      expect(await stores.organizations.getUserWithOrganizations(randomUUID())).toBeNull();
      await stores.organizations.deleteOrganization(a.id);
      expect((await stores.organizations.getUserWithOrganizations(userId))?.organizations).toEqual([{ id: b.id, name: "Beta & Co" }]);
    });

    it("counts the members of several organizations in one call", async () => {
      const { org: a, userId } = await withMember();
      const { org: b } = await organization();
      const { org: empty } = await organization();
      await stores.organizations.deleteOrganization(empty.id);
      await stores.organizations.addMember({ organizationId: b.id, userId, role: "member", joinedAt: T0 });
      await stores.organizations.addMember({ organizationId: b.id, userId: await user(), role: "member", joinedAt: T0 });
      const counts = await stores.organizations.countMembers([a.id, b.id, empty.id, slug("none")]);
      expect([...counts.entries()].sort()).toEqual(
        [
          [a.id, 2],
          [b.id, 3],
        ].sort(),
      );
      expect(await stores.organizations.countMembers([])).toEqual(new Map());
    });

    it("transfers ownership; of concurrent transfers to different members exactly one wins and one owner remains", async () => {
      const { org, owner, userId } = await withMember();
      const other = await user();
      await stores.organizations.addMember({ organizationId: org.id, userId: other, role: "member", joinedAt: T0 });
      const results = await Promise.all(
        [userId, other, userId, other].map((toUserId) =>
          stores.organizations.transferOwnership({ organizationId: org.id, fromUserId: owner, toUserId, formerOwnerRole: "admin" }),
        ),
      );
      expect(results.filter((r) => r.status === "OK")).toHaveLength(1);
      const members = await stores.organizations.listMembers(org.id);
      expect(members.filter((m) => m.role === "owner")).toHaveLength(1);
      expect(members.find((m) => m.userId === owner)?.role).toBe("admin");
      const newOwner = members.find((m) => m.role === "owner")!.userId;
      expect(
        await stores.organizations.transferOwnership({
          organizationId: org.id,
          fromUserId: newOwner,
          toUserId: randomUUID(),
          formerOwnerRole: "admin",
        }),
      ).toEqual({ status: "NOT_A_MEMBER" });
      expect((await stores.organizations.getMembership(org.id, newOwner))?.role).toBe("owner");
    });

    it("accepts an invitation once: of concurrent accepts exactly one makes a member, and an accepted one is closed", async () => {
      const { org } = await organization();
      const invite = invitation(org.id, { role: "admin" });
      expect(await stores.organizations.createInvitation(invite)).toBe(true);
      expect(await stores.organizations.findInvitationByTokenHash(invite.tokenHash)).toEqual(invite);
      const [a, b] = [await user(), await user()];
      const results = await Promise.all(
        [a, b, a, b, a].map((userId) => stores.organizations.acceptInvitation({ tokenHash: invite.tokenHash, userId, now: at(1000) })),
      );
      const ok = results.filter((r) => r.status === "OK");
      expect(ok).toHaveLength(1);
      expect(results.filter((r) => r.status === "INVITATION_NOT_OPEN")).toHaveLength(4);
      const winner = ok[0]!.status === "OK" ? ok[0]!.membership.userId : "";
      expect(await stores.organizations.getMembership(org.id, winner)).toEqual({
        organizationId: org.id,
        userId: winner,
        role: "admin",
        joinedAt: at(1000),
      });
      expect(await stores.organizations.getMembership(org.id, winner === a ? b : a)).toBeNull();
      expect(await stores.organizations.findInvitationByTokenHash(invite.tokenHash)).toEqual({ ...invite, acceptedAt: at(1000), acceptedBy: winner });
      expect(await stores.organizations.acceptInvitation({ tokenHash: invite.tokenHash, userId: winner, now: at(2000) })).toEqual({
        status: "INVITATION_NOT_OPEN",
      });
      expect(await stores.organizations.listOpenInvitations(org.id, at(2000))).toEqual([]);
    });

    it("refuses an expired, revoked or unknown invitation, and a member accepting keeps their role", async () => {
      const { org, userId } = await withMember("admin");
      const expired = invitation(org.id, { expiresAt: at(1000) });
      const revoked = invitation(org.id);
      const forMember = invitation(org.id, { role: "member" });
      for (const i of [expired, revoked, forMember]) expect(await stores.organizations.createInvitation(i)).toBe(true);
      expect(await stores.organizations.revokeInvitation(org.id, revoked.id, at(10))).toBe(true);
      expect(await stores.organizations.revokeInvitation(org.id, revoked.id, at(20))).toBe(false);
      expect(await stores.organizations.revokeInvitation(slug("other"), forMember.id, at(20))).toBe(false);
      for (const i of [expired, revoked]) {
        expect(await stores.organizations.acceptInvitation({ tokenHash: i.tokenHash, userId, now: at(1000) })).toEqual({
          status: "INVITATION_NOT_OPEN",
        });
      }
      expect(await stores.organizations.acceptInvitation({ tokenHash: hex(), userId, now: T0 })).toEqual({ status: "INVITATION_NOT_OPEN" });
      const accepted = await stores.organizations.acceptInvitation({ tokenHash: forMember.tokenHash, userId, now: at(1000) });
      expect(accepted).toMatchObject({ status: "OK", wasAlreadyMember: true, membership: { role: "admin" } });
      expect((await stores.organizations.getMembership(org.id, userId))?.role).toBe("admin");
    });

    it("keeps one open invitation per email: a new one revokes the old", async () => {
      const { org } = await organization();
      const first = invitation(org.id);
      const second = invitation(org.id, { email: first.email, createdAt: at(1000) });
      const otherEmail = invitation(org.id);
      for (const i of [first, second, otherEmail]) await stores.organizations.createInvitation(i);
      expect((await stores.organizations.listOpenInvitations(org.id, at(2000))).map((i) => i.id)).toEqual([second.id, otherEmail.id]);
      expect((await stores.organizations.findInvitationByTokenHash(first.tokenHash))?.revokedAt).toEqual(at(1000));
      expect(await stores.organizations.createInvitation(invitation(slug("none")))).toBe(false);
    });

    it("deletes an organization with its members and invitations; the users stay", async () => {
      const { org, owner, userId } = await withMember();
      const open = invitation(org.id);
      await stores.organizations.createInvitation(open);
      expect(await stores.organizations.deleteOrganization(org.id)).toBe(true);
      expect(await stores.organizations.deleteOrganization(org.id)).toBe(false);
      expect(await stores.organizations.getOrganization(org.id)).toBeNull();
      expect(await stores.organizations.listMembers(org.id)).toEqual([]);
      expect(await stores.organizations.getMembership(org.id, userId)).toBeNull();
      expect(await stores.organizations.listMembershipsOfUser(owner)).toEqual([]);
      expect(await stores.organizations.findInvitationByTokenHash(open.tokenHash)).toBeNull();
      expect(await stores.organizations.acceptInvitation({ tokenHash: open.tokenHash, userId, now: at(1) })).toEqual({
        status: "INVITATION_NOT_OPEN",
      });
      expect(await stores.users.getUserById(owner)).not.toBeNull();
      expect(await stores.users.getUserById(userId)).not.toBeNull();
    });

    it("leaves no member behind when an organization is deleted while invitations are being accepted", async () => {
      const { org } = await organization();
      const invites = Array.from({ length: 4 }, () => invitation(org.id));
      for (const i of invites) await stores.organizations.createInvitation(i);
      const invitees = await Promise.all(invites.map(() => user()));
      await Promise.all([
        ...invites.map((i, n) => stores.organizations.acceptInvitation({ tokenHash: i.tokenHash, userId: invitees[n]!, now: at(1) })),
        stores.organizations.deleteOrganization(org.id),
      ]);
      expect(await stores.organizations.getOrganization(org.id)).toBeNull();
      for (const userId of invitees) expect(await stores.organizations.listMembershipsOfUser(userId)).toEqual([]);
    });

    it("deletes the invitations expired at or before a time, whether accepted, revoked or neither, and no other", async () => {
      const { org, userId } = await withMember();
      const [lapsed, accepted, revoked, open] = [at(-2000), at(-1000), at(-1000), at(-999)].map((expiresAt) => invitation(org.id, { expiresAt }));
      for (const i of [lapsed, accepted, revoked, open]) expect(await stores.organizations.createInvitation(i)).toBe(true);
      expect(await stores.organizations.acceptInvitation({ tokenHash: accepted!.tokenHash, userId, now: at(-3000) })).toMatchObject({ status: "OK" });
      expect(await stores.organizations.revokeInvitation(org.id, revoked!.id, at(-3000))).toBe(true);

      // Other tests' rows may go too (one store serves the suite): at least these three.
      expect(await stores.organizations.deleteInvitationsExpiredBefore(at(-1000))).toBeGreaterThanOrEqual(3);
      for (const i of [lapsed, accepted, revoked]) expect(await stores.organizations.findInvitationByTokenHash(i!.tokenHash)).toBeNull();
      expect(await stores.organizations.findInvitationByTokenHash(open!.tokenHash)).toEqual(open);
      expect(await stores.organizations.getMembership(org.id, userId)).not.toBeNull();
    });
  });
}
