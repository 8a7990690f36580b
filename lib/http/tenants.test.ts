import { describe, expect, it } from "vitest";
import { createOrganization } from "../auth/organizations/organizations";
import { decodeFrontToken } from "../auth/session/front-token";
import { createTestEngine } from "../auth/testing/test-engine";
import { MESSAGE } from "../auth/wire-codes";
import { createAuthClient, credentials } from "./testing/client";

const PASSWORD = "fixture-pw-1";

/** An app with one organization, "acme", owned by owner@acme.test. */
async function setUp() {
  const engine = createTestEngine();
  const client = createAuthClient(engine.ctx);
  const signUp = async (email: string, path = "/api/auth/signup") => {
    const response = await createAuthClient(engine.ctx).send("POST", path, { body: credentials(email, PASSWORD) });
    return { response, body: await response.json() };
  };
  const owner = (await signUp("owner@acme.test")).body.user.id as string;
  expect(await createOrganization(engine.ctx, { userId: owner, slug: "acme", name: "Acme" })).toMatchObject({ status: "OK" });
  return { ...engine, client, signUp, owner };
}

describe("FDI tenant paths", () => {
  it("answers the login methods of the public tenant and of an organization's, narrowed by its own", async () => {
    const { client, stores } = await setUp();
    const expected = {
      status: "OK",
      emailPassword: { enabled: true },
      thirdParty: { enabled: false, providers: [] },
      passwordless: { enabled: false },
      firstFactors: ["emailpassword"],
    };
    for (const path of ["/api/auth/loginmethods", "/api/auth/public/loginmethods", "/api/auth/acme/loginmethods"]) {
      const response = await client.send("GET", path);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual(expected);
    }
    await stores.organizations.updateOrganization("acme", { loginMethods: { firstFactors: ["thirdparty"] } });
    expect(await (await client.send("GET", "/api/auth/acme/loginmethods")).json()).toMatchObject({
      emailPassword: { enabled: false },
      firstFactors: [],
    });
  });

  it("answers 404 with a status for a tenant that is no organization, and 404 for paths that take no tenant", async () => {
    const { client } = await setUp();
    const unknown = await client.send("GET", "/api/auth/nobody-here/loginmethods");
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ status: "TENANT_NOT_FOUND_ERROR" });
    expect((await client.send("POST", "/api/auth/nobody-here/signin", { body: credentials("a@b.test", PASSWORD) })).status).toBe(404);
    for (const path of ["/api/auth/acme/session/refresh", "/api/auth/Acme/signin", "/api/auth/acme/admin/users", "/api/auth/acme/x/signin"]) {
      expect((await client.send("POST", path, { body: {} })).status).toBe(404);
    }
    // The public tenant spelled out works wherever the bare path does.
    expect(
      (await client.send("POST", "/api/auth/public/user/password/reset/token", { body: { formFields: [{ id: "email", value: "x@y.test" }] } }))
        .status,
    ).not.toBe(404);
  });

  it("signs a member in to the organization's tenant with tId in the session; a stranger gets the wrong-credentials answer", async () => {
    const { ctx, signUp, owner } = await setUp();
    const member = createAuthClient(ctx);
    const response = await member.send("POST", "/api/auth/acme/signin", { body: credentials("owner@acme.test", PASSWORD) });
    expect(await response.json()).toMatchObject({ status: "OK", user: { id: owner } });
    expect(decodeFrontToken(response.headers.get("front-token")!).up.tId).toBe("acme");
    // The tenant survives a refresh: it is in the session's payload.
    const refreshed = await member.send("POST", "/api/auth/session/refresh");
    expect(decodeFrontToken(refreshed.headers.get("front-token")!).up.tId).toBe("acme");

    await signUp("stranger@example.com");
    const stranger = await createAuthClient(ctx).send("POST", "/api/auth/acme/signin", { body: credentials("stranger@example.com", PASSWORD) });
    expect(await stranger.json()).toEqual({ status: "WRONG_CREDENTIALS_ERROR" });
    expect(stranger.headers.get("front-token")).toBeNull();
    // Signed in to the public tenant, no tId at all, as before tenants.
    const plain = await createAuthClient(ctx).send("POST", "/api/auth/signin", { body: credentials("stranger@example.com", PASSWORD) });
    expect(decodeFrontToken(plain.headers.get("front-token")!).up).not.toHaveProperty("tId");
  });

  it("takes sign-ups through an organization's tenant only when it is open, and only from its domains; a sign-up joins as member", async () => {
    const { ctx, signUp, stores } = await setUp();
    expect((await signUp("new@acme.test", "/api/auth/acme/signup")).body).toMatchObject({ status: "SIGN_UP_NOT_ALLOWED" });
    expect(await stores.users.findEmailPasswordAccountByEmail("new@acme.test")).toBeNull();
    await stores.organizations.updateOrganization("acme", { loginMethods: { signUpOpen: true, allowedEmailDomains: ["acme.test"] } });
    expect((await signUp("outsider@example.com", "/api/auth/acme/signup")).body).toMatchObject({
      status: "SIGN_UP_NOT_ALLOWED",
      reason: MESSAGE.TENANT_SIGN_UP_CLOSED,
    });
    // Open to anyone (no domain rule): the sign-up joins at once, address verified or not.
    await stores.organizations.updateOrganization("acme", { loginMethods: { signUpOpen: true } });
    const joined = await signUp("new@example.com", "/api/auth/acme/signup");
    expect(joined.body).toMatchObject({ status: "OK" });
    expect(decodeFrontToken(joined.response.headers.get("front-token")!).up.tId).toBe("acme");
    expect(await stores.organizations.getMembership("acme", joined.body.user.id)).toMatchObject({ role: "member" });
    await ctx.audit.settled();
    expect((await stores.audit.listEvents({ limit: 100 })).map((e) => e.type)).toContain("organization.member_joined");
  });

  // This decision changed: joining by email domain used to admit any address of the domain, so
  // anyone could sign up as ceo@acme.test without owning it and be a member of Acme. Joining by
  // domain now takes a verified address, whatever the sign-in method (docs/organizations.md).
  it("refuses a password sign-up that would join by email domain, writing nothing, and says what to do instead", async () => {
    const { ctx, signUp, stores } = await setUp();
    await stores.organizations.updateOrganization("acme", { loginMethods: { signUpOpen: true, allowedEmailDomains: ["acme.test"] } });
    const refused = await signUp("ceo@acme.test", "/api/auth/acme/signup");
    expect(refused.body).toEqual({ status: "SIGN_UP_NOT_ALLOWED", reason: MESSAGE.TENANT_EMAIL_NOT_VERIFIED });
    expect(refused.response.headers.get("front-token")).toBeNull();
    expect(await stores.users.findEmailPasswordAccountByEmail("ceo@acme.test")).toBeNull();
    expect((await stores.organizations.listMembers("acme")).map((m) => m.role)).toEqual(["owner"]);
    await ctx.audit.settled();
    expect((await stores.audit.listEvents({ limit: 100 })).map((e) => e.type)).not.toContain("organization.member_joined");
  });

  it("refuses a member whose email left the allowed domains, and lets an account of an allowed domain join by signing in once its address is verified", async () => {
    const { ctx, signUp, stores } = await setUp();
    const alice = (await signUp("alice@example.com")).body.user.id;
    await stores.organizations.addMember({ organizationId: "acme", userId: alice, role: "member", joinedAt: ctx.now() });
    await stores.organizations.updateOrganization("acme", { loginMethods: { signUpOpen: true, allowedEmailDomains: ["acme.test"] } });
    const refused = await createAuthClient(ctx).send("POST", "/api/auth/acme/signin", { body: credentials("alice@example.com", PASSWORD) });
    expect(await refused.json()).toEqual({ status: "WRONG_CREDENTIALS_ERROR" });

    // Signed up on the public tenant, address not verified: the password is right, the door stays shut.
    const bob = (await signUp("bob@acme.test")).body.user.id;
    const unverified = await createAuthClient(ctx).send("POST", "/api/auth/acme/signin", { body: credentials("bob@acme.test", PASSWORD) });
    expect(await unverified.json()).toEqual({ status: "SIGN_IN_NOT_ALLOWED", reason: MESSAGE.TENANT_EMAIL_NOT_VERIFIED });
    expect(unverified.headers.get("front-token")).toBeNull();
    expect(await stores.organizations.getMembership("acme", bob)).toBeNull();

    await stores.users.markEmailVerified(bob, "bob@acme.test");
    const admitted = await createAuthClient(ctx).send("POST", "/api/auth/acme/signin", { body: credentials("bob@acme.test", PASSWORD) });
    expect(await admitted.json()).toMatchObject({ status: "OK" });
    expect(decodeFrontToken(admitted.headers.get("front-token")!).up.tId).toBe("acme");
    expect(await stores.organizations.getMembership("acme", bob)).toMatchObject({ role: "member" });
  });

  it("turns email+password off on a tenant that has it off", async () => {
    const { client, stores } = await setUp();
    await stores.organizations.updateOrganization("acme", { loginMethods: { firstFactors: ["thirdparty"] } });
    expect((await client.send("POST", "/api/auth/acme/signin", { body: credentials("owner@acme.test", PASSWORD) })).status).toBe(404);
    expect((await client.send("POST", "/api/auth/signin", { body: credentials("owner@acme.test", PASSWORD) })).status).toBe(200);
  });
});
