/**
 * The OrganizationStore reads that join an organization to its memberships and its members'
 * sessions (a refresh's tenant check, an organization's deletion), and a user deletion's cascade
 * into memberships; run beside organization-store.contract.ts on memory and the three databases.
 */
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import type { SessionRow, Stores } from "../auth/ports";
import { at, hex, organizationFixtures, REVOKED, slug, T0 } from "./testing/organization-fixtures";

export function runOrganizationReadsContract(name: string, makeStores: () => Stores | Promise<Stores>): void {
  describe(`organization store reads contract: ${name}`, () => {
    let stores: Stores;
    beforeAll(async () => {
      stores = await makeStores();
    });
    const { user, organization, withMember } = organizationFixtures(() => stores);

    it("reads an organization with one user's membership of it in one call", async () => {
      const loginMethods = { firstFactors: ["thirdparty"], allowedEmailDomains: ["acme.com"] };
      const { org, owner } = await organization({ loginMethods, createdAt: at(4321) });
      const outsider = await user();
      // The organization as getOrganization reads it, to the millisecond: a switch records its createdAt and a refresh compares.
      const stored = await stores.organizations.getOrganization(org.id);
      expect(stored).toEqual({ ...org, loginMethods });
      expect(await stores.organizations.getOrganizationWithMembership(org.id, owner)).toEqual({
        organization: stored,
        membership: { organizationId: org.id, userId: owner, role: "owner", joinedAt: at(4321) },
        memberEmail: `${owner}@example.com`,
      });
      expect(await stores.organizations.getOrganizationWithMembership(org.id, outsider)).toEqual({
        organization: stored,
        membership: null,
        memberEmail: null,
      });
      expect(await stores.organizations.getOrganizationWithMembership(org.id.toUpperCase(), owner)).toBeNull();
      expect(await stores.organizations.getOrganizationWithMembership(slug("none"), owner)).toBeNull();
    });

    it("reads the member's email as it is now with the membership, null for a member without one", async () => {
      const { org, userId } = await withMember();
      const renamed = `renamed-${userId}@elsewhere.example`;
      expect(await stores.users.updateEmail(userId, renamed)).toEqual({ status: "OK" });
      expect(await stores.organizations.getOrganizationWithMembership(org.id, userId)).toMatchObject({
        membership: { userId, role: "member" },
        memberEmail: renamed,
      });
      // Another case of the user id is no member (MySQL's collation would match it), and brings no email.
      expect(await stores.organizations.getOrganizationWithMembership(org.id, userId.toUpperCase())).toMatchObject({
        membership: null,
        memberEmail: null,
      });

      const phoneUser = { id: randomUUID(), email: null, emailVerified: false, timeJoined: T0 };
      const phoneNumber = `+4915${String(Math.floor(Math.random() * 1e9)).padStart(9, "0")}`;
      expect(
        await stores.passwordless.createPasswordlessUser({ user: phoneUser, account: { userId: phoneUser.id, email: null, phoneNumber } }),
      ).toMatchObject({ status: "OK" });
      expect(await stores.organizations.addMember({ organizationId: org.id, userId: phoneUser.id, role: "member", joinedAt: at(2000) })).toEqual({
        status: "OK",
      });
      expect(await stores.organizations.getOrganizationWithMembership(org.id, phoneUser.id)).toMatchObject({
        membership: { userId: phoneUser.id, role: "member" },
        memberEmail: null,
      });
    });

    it("lists the sessions of an organization's members, or of one of them, with their payloads, and no one else's", async () => {
      const { org, owner, userId } = await withMember();
      const outsider = await user();
      const session = (ofUser: string, jwtPayload: Record<string, unknown>): SessionRow => ({
        sessionHandle: randomUUID(),
        userId: ofUser,
        sessionData: {},
        jwtPayload,
        refreshTokenHash: hex(),
        previousRefreshTokenHash: null,
        rotatedAt: null,
        createdAt: T0,
        expiresAt: at(86_400_000),
        absoluteExpiresAt: at(2 * 86_400_000),
        lastActiveAt: T0,
        userAgent: null,
        ip: null,
      });
      const rows = [session(owner, { tId: org.id }), session(userId, {}), session(userId, { tId: org.id, x: 1 }), session(outsider, { tId: org.id })];
      for (const row of rows) expect(await stores.sessions.createSession(row)).toBe(true);
      const listed = await stores.sessions.listSessionsOfOrganizationMembers(org.id);
      const byHandle = (a: { sessionHandle: string }, b: { sessionHandle: string }) => (a.sessionHandle < b.sessionHandle ? -1 : 1);
      expect(listed.toSorted(byHandle)).toEqual(
        rows
          .slice(0, 3)
          .map(({ sessionHandle, userId: of, jwtPayload }) => ({ sessionHandle, userId: of, jwtPayload }))
          .toSorted(byHandle),
      );
      expect(await stores.sessions.listSessionsOfOrganizationMembers(org.id.toUpperCase())).toEqual([]);
      // One member's alone (a removal reads them before the membership goes), and nothing for a non-member or another case of the id.
      expect((await stores.sessions.listSessionsOfOrganizationMembers(org.id, userId)).toSorted(byHandle)).toEqual(
        rows
          .slice(1, 3)
          .map(({ sessionHandle, userId: of, jwtPayload }) => ({ sessionHandle, userId: of, jwtPayload }))
          .toSorted(byHandle),
      );
      expect(await stores.sessions.listSessionsOfOrganizationMembers(org.id, outsider)).toEqual([]);
      expect(await stores.sessions.listSessionsOfOrganizationMembers(org.id, userId.toUpperCase())).toEqual([]);
      expect(await stores.organizations.removeMember(org.id, userId)).toEqual({ status: "OK" });
      expect(await stores.sessions.listSessionsOfOrganizationMembers(org.id, userId)).toEqual([]);
      expect((await stores.sessions.listSessionsOfOrganizationMembers(org.id)).map((s) => s.sessionHandle)).toEqual([rows[0]!.sessionHandle]);
    });

    it("a deleted user takes their memberships with them", async () => {
      const { org, userId } = await withMember();
      expect((await stores.userAdmin.deleteUser(userId, REVOKED)).didUserExist).toBe(true);
      expect(await stores.organizations.getMembership(org.id, userId)).toBeNull();
      expect((await stores.organizations.listMembers(org.id)).map((m) => m.userId)).not.toContain(userId);
    });
  });
}
