import { describe, expect, it } from "vitest";
import { createEmailEngine, tokenOf } from "../testing/email-fixtures";
import { acceptInvitation, describeInvitation, INVITATION_TTL_SECONDS, inviteMember, listOpenInvitations, revokeInvitation } from "./invitations";
import { checkSlug } from "./organization-names";
import {
  changeMemberRole,
  createOrganization,
  deleteOrganization,
  leaveOrganization,
  listMembers,
  listMyOrganizations,
  removeMember,
  transferOwnership,
} from "./organizations";

async function setUp() {
  const engine = createEmailEngine();
  const owner = (await engine.signUpUser("owner@acme.test")).user.id;
  expect(await createOrganization(engine.ctx, { userId: owner, slug: "acme", name: "  Acme Inc  " })).toMatchObject({
    status: "OK",
    organization: { id: "acme", name: "Acme Inc" },
  });
  /** Invites `email` as `role` and has them sign up and accept. */
  const join = async (email: string, role = "member") => {
    expect(await inviteMember(engine.ctx, { organizationId: "acme", userId: owner, email, role })).toMatchObject({ status: "OK" });
    const token = tokenOf(engine.delivery.sent.at(-1));
    const id = (await engine.signUpUser(email)).user.id;
    expect(await acceptInvitation(engine.ctx, { token, userId: id })).toMatchObject({ status: "OK", membership: { role } });
    return id;
  };
  return { ...engine, owner, join };
}

describe("organization slugs", () => {
  it("takes DNS labels and refuses the reserved words and anything else", () => {
    expect(checkSlug("acme-2")).toBeUndefined();
    for (const slug of ["public", "signin", "loginmethods"]) expect(checkSlug(slug)).toBe("SLUG_RESERVED");
    for (const slug of ["Acme", "a", "2acme", "acme-", "ac me", "acme/x", "a".repeat(64), "ac\u00e9me"]) expect(checkSlug(slug)).toBe("SLUG_INVALID");
  });
});

describe("organizations", () => {
  it("creates an organization owned by its creator, once per slug", async () => {
    const { ctx, owner, signUpUser } = await setUp();
    expect(await listMyOrganizations(ctx, owner)).toMatchObject([{ organization: { id: "acme" }, role: "owner" }]);
    const other = (await signUpUser("other@example.com")).user.id;
    expect(await createOrganization(ctx, { userId: other, slug: "acme", name: "Copy" })).toEqual({ status: "ORGANIZATION_ALREADY_EXISTS" });
    expect(await createOrganization(ctx, { userId: other, slug: "public", name: "x" })).toEqual({ status: "SLUG_RESERVED" });
    expect(await createOrganization(ctx, { userId: other, slug: "fine", name: " \u0007 " })).toEqual({ status: "NAME_INVALID" });
    // Read backwards, or on another line, where the name is shown to invitees.
    for (const name of ["Acme\u202Emoc.lapyap", "Acme \u2067x\u2069", "Acme\u2028Inc", "Acme\u0085Inc"]) {
      expect(await createOrganization(ctx, { userId: other, slug: "fine", name }), JSON.stringify(name)).toEqual({ status: "NAME_INVALID" });
    }
    // A right-to-left name with a mark beside its digits is a name.
    expect(await createOrganization(ctx, { userId: other, slug: "fine", name: "שלום\u200F 2026" })).toMatchObject({ status: "OK" });
    expect(await createOrganization(ctx, { userId: "nobody", slug: "ghost", name: "Ghost" })).toEqual({ status: "UNKNOWN_USER_ID_ERROR" });
  });

  it("invites by email; the invitee accepts once, with the invited address only", async () => {
    const { ctx, owner, delivery, signUpUser } = await setUp();
    expect(await inviteMember(ctx, { organizationId: "acme", userId: owner, email: " Bob@Example.com ", role: "admin" })).toMatchObject({
      status: "OK",
    });
    const email = delivery.sent.at(-1)!;
    expect(email).toMatchObject({ kind: "ORGANIZATION_INVITATION", to: "bob@example.com" });
    expect(email.link).toMatch(/^http:\/\/localhost:3000\/auth\/accept-invitation\?token=/);
    const token = tokenOf(email);
    const mallory = (await signUpUser("mallory@example.com")).user.id;
    expect(await acceptInvitation(ctx, { token, userId: mallory })).toEqual({ status: "INVITATION_EMAIL_MISMATCH" });
    const bob = (await signUpUser("bob@example.com")).user.id;
    expect(await acceptInvitation(ctx, { token, userId: bob, organizationId: "other-org" })).toEqual({ status: "INVITATION_NOT_OPEN" });
    expect(await acceptInvitation(ctx, { token, userId: bob })).toMatchObject({
      status: "OK",
      membership: { role: "admin" },
      wasAlreadyMember: false,
    });
    expect(await acceptInvitation(ctx, { token, userId: bob })).toEqual({ status: "INVITATION_NOT_OPEN" });
    expect(await acceptInvitation(ctx, { token: "x".repeat(300), userId: bob })).toEqual({ status: "INVITATION_NOT_OPEN" });
    const members = await listMembers(ctx, { organizationId: "acme", userId: bob });
    // Both joined at the pinned clock's one instant: the order between them is the user ids'.
    expect(members.status === "OK" && members.members.map((m) => [m.userId, m.role]).sort()).toEqual(
      [
        [owner, "owner"],
        [bob, "admin"],
      ].sort(),
    );
  });

  it("lets an invitation expire and be revoked, and refuses what the tenant's rules or the inviter's role do not allow", async () => {
    const { ctx, owner, delivery, clock, stores, join } = await setUp();
    await inviteMember(ctx, { organizationId: "acme", userId: owner, email: "late@example.com", role: "member" });
    const late = tokenOf(delivery.sent.at(-1));
    const lateUser = (await createEmailEngineUser(ctx, "late@example.com")).id;
    clock.advanceSeconds(INVITATION_TTL_SECONDS - 1);
    expect(await describeInvitation(ctx, late)).toMatchObject({ status: "OK", email: "late@example.com" });
    clock.advanceSeconds(1);
    // The link's page no longer offers it either (the store refuses the accept on its own; the page reads only the engine's check).
    expect(await describeInvitation(ctx, late)).toEqual({ status: "INVITATION_NOT_OPEN" });
    expect(await acceptInvitation(ctx, { token: late, userId: lateUser })).toEqual({ status: "INVITATION_NOT_OPEN" });

    await inviteMember(ctx, { organizationId: "acme", userId: owner, email: "gone@example.com", role: "member" });
    const open = await listOpenInvitations(ctx, { organizationId: "acme", userId: owner });
    expect(open.status === "OK" && open.invitations.map((i) => i.email)).toEqual(["gone@example.com"]);
    expect(open.status === "OK" && "tokenHash" in open.invitations[0]!).toBe(false);
    const invitationId = open.status === "OK" ? open.invitations[0]!.id : "";
    expect(await revokeInvitation(ctx, { organizationId: "acme", userId: owner, invitationId })).toEqual({ status: "OK" });
    expect(await revokeInvitation(ctx, { organizationId: "acme", userId: owner, invitationId })).toEqual({ status: "INVITATION_NOT_OPEN" });

    const member = await join("plain@example.com");
    expect(await inviteMember(ctx, { organizationId: "acme", userId: member, email: "x@example.com", role: "member" })).toEqual({
      status: "NOT_ALLOWED",
    });
    expect(await inviteMember(ctx, { organizationId: "acme", userId: owner, email: "x@example.com", role: "owner" })).toEqual({
      status: "ROLE_INVALID",
    });
    expect(await inviteMember(ctx, { organizationId: "acme", userId: owner, email: "not-an-email", role: "member" })).toEqual({
      status: "EMAIL_INVALID",
    });
    await stores.organizations.updateOrganization("acme", { loginMethods: { allowedEmailDomains: ["acme.test"] } });
    expect(await inviteMember(ctx, { organizationId: "acme", userId: owner, email: "x@example.com", role: "member" })).toEqual({
      status: "EMAIL_DOMAIN_NOT_ALLOWED",
    });
    expect(await inviteMember(ctx, { organizationId: "acme", userId: owner, email: "x@acme.test", role: "member" })).toMatchObject({ status: "OK" });
  });

  it("tells a non-member nothing, whether or not the organization exists", async () => {
    const { ctx, signUpUser } = await setUp();
    const stranger = (await signUpUser("stranger@example.com")).user.id;
    for (const organizationId of ["acme", "no-such-org"]) {
      expect(await listMembers(ctx, { organizationId, userId: stranger })).toEqual({ status: "UNKNOWN_ORGANIZATION" });
      expect(await inviteMember(ctx, { organizationId, userId: stranger, email: "x@example.com", role: "member" })).toEqual({
        status: "UNKNOWN_ORGANIZATION",
      });
      expect(await deleteOrganization(ctx, { organizationId, userId: stranger, confirm: organizationId })).toEqual({
        status: "UNKNOWN_ORGANIZATION",
      });
      expect(await leaveOrganization(ctx, { organizationId, userId: stranger })).toEqual({ status: "UNKNOWN_ORGANIZATION" });
    }
  });

  it("changes roles and removes members, never the owner; members leave, the owner cannot", async () => {
    const { ctx, owner, join } = await setUp();
    const [admin, member] = [await join("admin@example.com", "admin"), await join("member@example.com")];
    expect(await changeMemberRole(ctx, { organizationId: "acme", userId: member, memberId: admin, role: "member" })).toEqual({
      status: "NOT_ALLOWED",
    });
    expect(await changeMemberRole(ctx, { organizationId: "acme", userId: admin, memberId: owner, role: "member" })).toEqual({
      status: "MEMBER_IS_OWNER",
    });
    expect(await changeMemberRole(ctx, { organizationId: "acme", userId: admin, memberId: member, role: "owner" })).toEqual({
      status: "ROLE_INVALID",
    });
    expect(await changeMemberRole(ctx, { organizationId: "acme", userId: admin, memberId: member, role: "admin" })).toEqual({ status: "OK" });
    expect(await removeMember(ctx, { organizationId: "acme", userId: admin, memberId: owner })).toEqual({ status: "MEMBER_IS_OWNER" });
    expect(await removeMember(ctx, { organizationId: "acme", userId: admin, memberId: member })).toEqual({ status: "OK", revokedSessionHandles: [] });
    expect(await removeMember(ctx, { organizationId: "acme", userId: admin, memberId: member })).toEqual({ status: "NOT_A_MEMBER" });
    expect(await leaveOrganization(ctx, { organizationId: "acme", userId: owner })).toEqual({ status: "MEMBER_IS_OWNER" });
    expect(await leaveOrganization(ctx, { organizationId: "acme", userId: admin })).toEqual({ status: "OK", revokedSessionHandles: [] });
    expect(await listMyOrganizations(ctx, admin)).toEqual([]);
  });

  it("transfers ownership to a member only, and only the owner deletes, with the slug typed again", async () => {
    const { ctx, owner, join, stores } = await setUp();
    const heir = await join("heir@example.com");
    expect(await transferOwnership(ctx, { organizationId: "acme", userId: heir, memberId: owner })).toEqual({ status: "NOT_ALLOWED" });
    expect(await transferOwnership(ctx, { organizationId: "acme", userId: owner, memberId: "nobody" })).toEqual({ status: "NOT_A_MEMBER" });
    expect(await transferOwnership(ctx, { organizationId: "acme", userId: owner, memberId: heir })).toEqual({ status: "OK" });
    expect((await stores.organizations.getMembership("acme", owner))?.role).toBe("admin");
    expect(await deleteOrganization(ctx, { organizationId: "acme", userId: owner, confirm: "acme" })).toEqual({ status: "NOT_ALLOWED" });
    expect(await deleteOrganization(ctx, { organizationId: "acme", userId: heir, confirm: "Acme" })).toEqual({ status: "CONFIRMATION_MISMATCH" });
    expect(await deleteOrganization(ctx, { organizationId: "acme", userId: heir, confirm: "acme" })).toEqual({
      status: "OK",
      revokedSessionHandles: [],
    });
    expect(await stores.organizations.getOrganization("acme")).toBeNull();
    expect(await listMyOrganizations(ctx, owner)).toEqual([]);
  });

  it("still deletes an organization whose slug was reserved after it was created", async () => {
    const { ctx, owner, stores } = await setUp();
    // As an older release created it, before "callback" became a reserved word.
    const organization = { id: "callback", name: "Callback Ltd", loginMethods: null, createdAt: ctx.now() };
    expect(await stores.organizations.createOrganization({ organization, ownerUserId: owner })).toMatchObject({ status: "OK" });
    expect(checkSlug("callback")).toBe("SLUG_RESERVED");
    expect(await deleteOrganization(ctx, { organizationId: "callback", userId: owner, confirm: "callback" })).toEqual({
      status: "OK",
      revokedSessionHandles: [],
    });
    expect(await stores.organizations.getOrganization("callback")).toBeNull();
    // The public tenant is never an organization's id.
    expect(await deleteOrganization(ctx, { organizationId: "public", userId: owner, confirm: "public" })).toEqual({ status: "UNKNOWN_ORGANIZATION" });
  });

  it("records every change in the audit log", async () => {
    const { ctx, owner, join, stores } = await setUp();
    const member = await join("audited@example.com");
    await changeMemberRole(ctx, { organizationId: "acme", userId: owner, memberId: member, role: "admin" });
    await deleteOrganization(ctx, { organizationId: "acme", userId: owner, confirm: "acme" });
    await ctx.audit.settled();
    const events = await stores.audit.listEvents({ limit: 50 });
    expect(events.map((e) => e.type)).toEqual(
      expect.arrayContaining([
        "organization.created",
        "organization.invited",
        "organization.member_joined",
        "organization.member_role_changed",
        "organization.deleted",
      ]),
    );
  });
});

async function createEmailEngineUser(ctx: Parameters<typeof createOrganization>[0], email: string) {
  const id = `user-${email}`;
  const created = await ctx.stores.users.createEmailPasswordUser({ id, email, passwordHash: "h", timeJoined: ctx.now() });
  if (created.status !== "OK") throw new Error("user");
  return created.user;
}
