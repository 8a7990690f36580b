import { describe, expect, it } from "vitest";
import { sendEmailVerificationEmail } from "../emailverification/send-verification-email";
import { verifyEmailUsingToken } from "../emailverification/verify-email";
import { createEmailEngine, tokenOf } from "../testing/email-fixtures";
import { acceptInvitation, describeInvitation, inviteMember, revokeInvitation } from "./invitations";
import { changeMemberRole, createOrganization, removeMember, transferOwnership } from "./organizations";

async function setUp() {
  const engine = createEmailEngine();
  const owner = (await engine.signUpUser("owner@acme.test")).user.id;
  await createOrganization(engine.ctx, { userId: owner, slug: "acme", name: "Acme Inc" });
  const invite = async (email: string, role = "member") => {
    const invited = await inviteMember(engine.ctx, { organizationId: "acme", userId: owner, email, role });
    expect(invited).toMatchObject({ status: "OK" });
    return { token: tokenOf(engine.delivery.sent.at(-1)), invitationId: invited.status === "OK" ? invited.invitationId : "" };
  };
  return { ...engine, owner, invite };
}

describe("the invitation link's page", () => {
  it("describes an open invitation to whoever holds its token, and nothing else", async () => {
    const { ctx, owner, invite, signUpUser } = await setUp();
    const { token, invitationId } = await invite("Bob@Example.com", "admin");
    expect(await describeInvitation(ctx, token)).toEqual({
      status: "OK",
      organizationId: "acme",
      organizationName: "Acme Inc",
      email: "bob@example.com",
      role: "admin",
    });
    expect(await describeInvitation(ctx, `${token}x`)).toEqual({ status: "INVITATION_NOT_OPEN" });
    expect(await describeInvitation(ctx, "")).toEqual({ status: "INVITATION_NOT_OPEN" });

    // Reading it uses nothing up; accepting does.
    const bob = (await signUpUser("bob@example.com")).user.id;
    expect(await acceptInvitation(ctx, { token, userId: bob })).toMatchObject({ status: "OK" });
    expect(await describeInvitation(ctx, token)).toEqual({ status: "INVITATION_NOT_OPEN" });

    const revoked = await invite("carol@example.com");
    expect(await revokeInvitation(ctx, { organizationId: "acme", userId: owner, invitationId: revoked.invitationId })).toEqual({ status: "OK" });
    expect(await describeInvitation(ctx, revoked.token)).toEqual({ status: "INVITATION_NOT_OPEN" });
    expect(invitationId).not.toBe("");
  });
});

describe("accepting proves the invited address", () => {
  it("marks the invitee's unverified email verified, spends their verification links and audits it", async () => {
    const { ctx, stores, invite, signUpUser, delivery } = await setUp();
    const { token } = await invite("dave@example.com");
    const dave = (await signUpUser("dave@example.com")).user.id;
    expect(await sendEmailVerificationEmail(ctx, dave)).toMatchObject({ status: "OK" });
    const verificationToken = tokenOf(delivery.sent.at(-1));
    expect((await stores.users.getUserById(dave))?.emailVerified).toBe(false);

    expect(await acceptInvitation(ctx, { token, userId: dave })).toMatchObject({ status: "OK" });
    expect((await stores.users.getUserById(dave))?.emailVerified).toBe(true);
    expect(await verifyEmailUsingToken(ctx, verificationToken)).toEqual({ status: "EMAIL_VERIFICATION_INVALID_TOKEN_ERROR" });
    await ctx.audit.settled();
    const events = await stores.audit.listEvents({ userId: dave, limit: 10 });
    expect(events.filter((e) => e.type === "email.verified").map((e) => e.detail)).toEqual([expect.objectContaining({ reason: "INVITATION" })]);
  });

  it("verifies nothing when the accept is refused, and records nothing twice for a verified invitee", async () => {
    const { ctx, stores, invite, signUpUser } = await setUp();
    const { token } = await invite("erin@example.com");
    const mallory = (await signUpUser("mallory@example.com")).user.id;
    expect(await acceptInvitation(ctx, { token, userId: mallory })).toEqual({ status: "INVITATION_EMAIL_MISMATCH" });
    expect((await stores.users.getUserById(mallory))?.emailVerified).toBe(false);

    const erin = (await signUpUser("erin@example.com")).user.id;
    expect(await stores.users.markEmailVerified(erin, "erin@example.com")).toBe(true);
    expect(await acceptInvitation(ctx, { token, userId: erin })).toMatchObject({ status: "OK" });
    await ctx.audit.settled();
    expect((await stores.audit.listEvents({ userId: erin, limit: 10 })).filter((e) => e.type === "email.verified")).toEqual([]);
  });
});

describe("the invited address and the account's are one mailbox", () => {
  it("whichever way the domain is written (Unicode, decomposed or xn--), and nothing wider", async () => {
    const { ctx, stores, invite, signUpUser } = await setUp();
    const { token } = await invite("ada@xn--bcher-kva.example");
    const elsewhere = (await signUpUser("ada@bucher.example")).user.id;
    expect(await acceptInvitation(ctx, { token, userId: elsewhere })).toEqual({ status: "INVITATION_EMAIL_MISMATCH" });
    const another = (await signUpUser("ada.b@bücher.example")).user.id;
    expect(await acceptInvitation(ctx, { token, userId: another })).toEqual({ status: "INVITATION_EMAIL_MISMATCH" });
    const ada = (await signUpUser("ada@bücher.example")).user.id;
    expect(await acceptInvitation(ctx, { token, userId: ada })).toMatchObject({ status: "OK" });
    // The invitation went to that mailbox, so it proves the account's address.
    expect((await stores.users.getUserById(ada))?.emailVerified).toBe(true);

    const back = await invite("grace@bu\u0308cher.example");
    const grace = (await signUpUser("grace@xn--bcher-kva.example")).user.id;
    expect(await acceptInvitation(ctx, { token: back.token, userId: grace })).toMatchObject({ status: "OK" });
  });
});

describe("an invitation speaks for its inviter", () => {
  it("closes when the inviter is removed or may no longer invite: a removed admin's invitation is no way back in", async () => {
    const { ctx, stores, owner, invite, signUpUser, delivery } = await setUp();
    const adam = (await signUpUser("adam@example.com")).user.id;
    expect(await acceptInvitation(ctx, { token: (await invite("adam@example.com", "admin")).token, userId: adam })).toMatchObject({ status: "OK" });
    const byAdam = async (email: string) => {
      expect(await inviteMember(ctx, { organizationId: "acme", userId: adam, email, role: "admin" })).toMatchObject({ status: "OK" });
      return tokenOf(delivery.sent.at(-1));
    };
    const kept = await byAdam("adam.alt@example.com");
    const other = await byAdam("adam.other@example.com");
    expect(await changeMemberRole(ctx, { organizationId: "acme", userId: owner, memberId: adam, role: "member" })).toEqual({ status: "OK" });
    const alt = (await signUpUser("adam.alt@example.com")).user.id;
    expect(await describeInvitation(ctx, kept)).toEqual({ status: "INVITATION_NOT_OPEN" });
    expect(await acceptInvitation(ctx, { token: kept, userId: alt })).toEqual({ status: "INVITATION_NOT_OPEN" });
    expect(await stores.organizations.getMembership("acme", alt)).toBeNull();

    expect(await removeMember(ctx, { organizationId: "acme", userId: owner, memberId: adam })).toEqual({ status: "OK", revokedSessionHandles: [] });
    const otherUser = (await signUpUser("adam.other@example.com")).user.id;
    expect(await acceptInvitation(ctx, { token: other, userId: otherUser })).toEqual({ status: "INVITATION_NOT_OPEN" });
    expect(await stores.organizations.getMembership("acme", otherUser)).toBeNull();
  });

  it("stays open while the inviter may still invite, as an owner who handed the organization on and is now an admin", async () => {
    const { ctx, owner, invite, signUpUser } = await setUp();
    const { token } = await invite("frank@example.com", "admin");
    const gina = (await signUpUser("gina@example.com")).user.id;
    expect(await acceptInvitation(ctx, { token: (await invite("gina@example.com")).token, userId: gina })).toMatchObject({ status: "OK" });
    expect(await transferOwnership(ctx, { organizationId: "acme", userId: owner, memberId: gina })).toEqual({ status: "OK" });
    const frank = (await signUpUser("frank@example.com")).user.id;
    expect(await acceptInvitation(ctx, { token, userId: frank })).toMatchObject({ status: "OK", membership: { role: "admin" } });
  });
});

describe("an invitation holds only while the tenant admits its address", () => {
  it("closes when the tenant's allowedEmailDomains no longer take the invited address, and opens again if they do", async () => {
    const { ctx, stores, invite, signUpUser } = await setUp();
    const { token } = await invite("hal@example.com");
    const kept = await invite("ivy@acme.test");
    // The operator narrows the tenant to its own domain after the invitations went out.
    await stores.organizations.updateOrganization("acme", { loginMethods: { allowedEmailDomains: ["acme.test"] } });
    const hal = (await signUpUser("hal@example.com")).user.id;
    expect(await describeInvitation(ctx, token)).toEqual({ status: "INVITATION_NOT_OPEN" });
    expect(await acceptInvitation(ctx, { token, userId: hal })).toEqual({ status: "INVITATION_NOT_OPEN" });
    expect(await stores.organizations.getMembership("acme", hal)).toBeNull();
    // Refused, it proves nothing about the address either.
    expect((await stores.users.getUserById(hal))?.emailVerified).toBe(false);

    const ivy = (await signUpUser("ivy@acme.test")).user.id;
    expect(await acceptInvitation(ctx, { token: kept.token, userId: ivy })).toMatchObject({ status: "OK" });

    // Widened again before it expired, the invitation works: nothing was spent.
    await stores.organizations.updateOrganization("acme", { loginMethods: { allowedEmailDomains: ["acme.test", "example.com"] } });
    expect(await acceptInvitation(ctx, { token, userId: hal })).toMatchObject({ status: "OK" });
  });
});

describe("an invitation and its invitee's address in either Unicode form", () => {
  const nfc = "jos\u00e9@example.com";
  const nfd = "jose\u0301@example.com";

  it("an invitation to the decomposed form is accepted by the user of the precomposed one, and proves it", async () => {
    const { ctx, stores, invite, signUpUser } = await setUp();
    const { token } = await invite(nfd);
    expect(await describeInvitation(ctx, token)).toMatchObject({ status: "OK", email: nfc });
    const jose = (await signUpUser(nfc)).user.id;
    expect(await acceptInvitation(ctx, { token, userId: jose })).toMatchObject({ status: "OK" });
    expect((await stores.users.getUserById(jose))?.emailVerified).toBe(true);
  });

  it("a user an older version stored decomposed accepts an invitation to the address too", async () => {
    const { ctx, stores, invite } = await setUp();
    const { token } = await invite(nfc);
    const created = await stores.users.createEmailPasswordUser({ id: "legacy", email: nfd, passwordHash: "h", timeJoined: ctx.now() });
    expect(created.status).toBe("OK");
    expect(await acceptInvitation(ctx, { token, userId: "legacy" })).toMatchObject({ status: "OK" });
    expect((await stores.users.getUserById("legacy"))?.emailVerified).toBe(true);
  });
});
