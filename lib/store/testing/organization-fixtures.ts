/**
 * What the organization store contracts make their rows with (organization-store*.contract.ts):
 * users, organizations, members and invitations, each test its own, on one `Stores` shared by
 * the suite.
 */
import { createHash, randomUUID } from "node:crypto";
import { expect } from "vitest";
import type { OrganizationInvitationRow, OrganizationRow } from "../../auth/ports/organization-store";
import type { Stores } from "../../auth/ports";

export const T0 = new Date("2031-05-06T07:08:09.123Z");
/** The times of the revocations a user deletion records. */
export const REVOKED = { revokedAt: T0, expiresAt: new Date(T0.getTime() + 3_600_000) };
export const at = (offsetMs: number) => new Date(T0.getTime() + offsetMs);
export const hex = () => createHash("sha256").update(randomUUID()).digest("hex");
export const slug = (tag: string) => `${tag}-${randomUUID().slice(0, 8)}`;

/** Row makers on the suite's stores (`stores()`: set in its beforeAll). */
export function organizationFixtures(stores: () => Stores) {
  async function user(): Promise<string> {
    const id = randomUUID();
    const r = await stores().users.createEmailPasswordUser({ id, email: `${id}@example.com`, passwordHash: "h", timeJoined: T0 });
    if (r.status !== "OK") throw new Error("user");
    return id;
  }
  async function organization(overrides: Partial<OrganizationRow> = {}): Promise<{ org: OrganizationRow; owner: string }> {
    const owner = await user();
    const org: OrganizationRow = { id: slug("org"), name: "Acme", loginMethods: null, createdAt: T0, ...overrides };
    expect(await stores().organizations.createOrganization({ organization: org, ownerUserId: owner })).toEqual({ status: "OK" });
    return { org, owner };
  }
  async function withMember(role = "member") {
    const { org, owner } = await organization();
    const userId = await user();
    expect(await stores().organizations.addMember({ organizationId: org.id, userId, role, joinedAt: at(1000) })).toEqual({ status: "OK" });
    return { org, owner, userId };
  }
  const invitation = (organizationId: string, overrides: Partial<OrganizationInvitationRow> = {}): OrganizationInvitationRow => ({
    id: randomUUID(),
    organizationId,
    email: `${randomUUID()}@example.com`,
    role: "member",
    tokenHash: hex(),
    invitedBy: randomUUID(),
    createdAt: T0,
    expiresAt: at(7 * 86_400_000),
    acceptedAt: null,
    acceptedBy: null,
    revokedAt: null,
    ...overrides,
  });
  return { user, organization, withMember, invitation };
}
