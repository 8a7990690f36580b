/**
 * The FDI tenant segment beyond email+password sign-in, over the real route table: every
 * tenant path resolves its tenant, and password reset, email verification and passwordless
 * honour an organization's tenant (its methods, membership, `tId`) and keep their links and
 * codes to the tenant they were issued under. Third-party: tenant-third-party.test.ts.
 */
import { describe, expect, it } from "vitest";
import type { GatehouseConfig } from "../auth/config";
import { createOrganization } from "../auth/organizations/organizations";
import { signInRecordOfPayload } from "../auth/organizations/sign-in-record";
import { decodeFrontToken } from "../auth/session/front-token";
import { tokenOf } from "../auth/testing/email-fixtures";
import { createPasswordlessEngine, linkPartsOf } from "../auth/testing/passwordless-fixtures";
import { ROUTES, TENANT_PATHS } from "./routes";
import { createAuthClient, credentials } from "./testing/client";

const API = "/api/auth";
const PASSWORD = "fixture-pw-1";
type Client = ReturnType<typeof createAuthClient>;

/** An app with passwordless on and two organizations, "acme" (owned by owner@acme.test) and "other". */
async function setUp(config: GatehouseConfig = {}) {
  const engine = createPasswordlessEngine(config);
  const { ctx, stores, delivery } = engine;
  const signUp = async (email: string) => {
    const client = createAuthClient(ctx);
    const body = await (await client.send("POST", `${API}/signup`, { body: credentials(email, PASSWORD) })).json();
    return { client, id: body.user.id as string };
  };
  const owner = await signUp("owner@acme.test");
  await stores.users.markEmailVerified(owner.id, "owner@acme.test");
  expect(await createOrganization(ctx, { userId: owner.id, slug: "acme", name: "Acme" })).toMatchObject({ status: "OK" });
  expect(await createOrganization(ctx, { userId: owner.id, slug: "other", name: "Other" })).toMatchObject({ status: "OK" });
  const post = (client: Client, path: string, body: unknown) => client.send("POST", `${API}${path}`, { body });
  const emailsTo = (to: string) => delivery.sent.filter((e) => e.to === to);
  return { ...engine, signUp, owner, post, emailsTo };
}

/** A passwordless sign-in started under `prefix` ("" or "/<tenantId>"): the device and the message's secrets. */
async function startPasswordless(s: Awaited<ReturnType<typeof setUp>>, client: Client, prefix: string, email: string) {
  const response = await s.post(client, `${prefix}/signinup/code`, { email });
  const body = await response.json();
  expect(body).toMatchObject({ status: "OK" });
  return { ...body, code: s.lastEmail().userInputCode, link: s.lastEmail().link } as {
    deviceId: string;
    preAuthSessionId: string;
    flowType: string;
    code?: string;
    link?: string;
  };
}

describe("FDI tenant segment on every tenant path", () => {
  it("asks for the tenant on every path and method that takes one: an unknown tenant is TENANT_NOT_FOUND_ERROR", async () => {
    const { ctx } = await setUp();
    const client = createAuthClient(ctx);
    expect(TENANT_PATHS.size).toBeGreaterThan(14);
    for (const path of TENANT_PATHS) {
      for (const method of Object.keys(ROUTES[path]!)) {
        const response = await client.send(method, `${API}/nobody-here${path}?email=a@b.test`, method === "GET" ? {} : { body: {} });
        expect([path, method, response.status]).toEqual([path, method, 404]);
        expect(await response.json()).toMatchObject({ status: "TENANT_NOT_FOUND_ERROR" });
      }
    }
  });

  it("password reset: the link is bound to the tenant it was asked under, and goes only to those who may enter it", async () => {
    const s = await setUp();
    const client = createAuthClient(s.ctx);
    const ask = (prefix: string, email: string) =>
      s.post(client, `${prefix}/user/password/reset/token`, { formFields: [{ id: "email", value: email }] });
    expect(await (await ask("/acme", "owner@acme.test")).json()).toEqual({ status: "OK" });
    const link = s.emailsTo("owner@acme.test").at(-1)!.link!;
    expect(new URL(link).searchParams.get("tenantId")).toBe("acme");
    const reset = (prefix: string, password: string) =>
      s.post(client, `${prefix}/user/password/reset`, {
        method: "token",
        token: tokenOf(s.emailsTo("owner@acme.test").at(-1)),
        formFields: [{ id: "password", value: password }],
      });
    // Refused under the public tenant and under another organization, and not spent by either.
    expect(await (await reset("", "fixture-pw-2")).json()).toEqual({ status: "RESET_PASSWORD_INVALID_TOKEN_ERROR" });
    expect(await (await reset("/public", "fixture-pw-2")).json()).toEqual({ status: "RESET_PASSWORD_INVALID_TOKEN_ERROR" });
    expect(await (await reset("/other", "fixture-pw-2")).json()).toEqual({ status: "RESET_PASSWORD_INVALID_TOKEN_ERROR" });
    // Nor with the tenant written in front of it, as the binding joins the two: "acme\n<token>" is no public token.
    const bound = tokenOf(s.emailsTo("owner@acme.test").at(-1));
    const prefixed = await s.post(client, "/user/password/reset", {
      method: "token",
      token: `acme\n${bound}`,
      formFields: [{ id: "password", value: "fixture-pw-2" }],
    });
    expect(await prefixed.json()).toEqual({ status: "RESET_PASSWORD_INVALID_TOKEN_ERROR" });
    expect(await (await reset("/acme", "fixture-pw-2")).json()).toEqual({ status: "OK" });

    // A link asked under the public tenant works there only.
    await ask("", "owner@acme.test");
    expect(new URL(s.emailsTo("owner@acme.test").at(-1)!.link!).searchParams.has("tenantId")).toBe(false);
    expect(await (await reset("/acme", "fixture-pw-3")).json()).toEqual({ status: "RESET_PASSWORD_INVALID_TOKEN_ERROR" });
    expect(await (await reset("", "fixture-pw-3")).json()).toEqual({ status: "OK" });

    // A stranger asking under acme (invitation only) is answered as an unknown address: OK, no email.
    await s.signUp("stranger@example.com");
    expect(await (await ask("/acme", "stranger@example.com")).json()).toEqual({ status: "OK" });
    expect(s.emailsTo("stranger@example.com")).toHaveLength(0);
    // Email+password off on the tenant: no reset there either.
    await s.stores.organizations.updateOrganization("acme", { loginMethods: { firstFactors: ["otp-email"] } });
    expect((await ask("/acme", "owner@acme.test")).status).toBe(404);
  });

  it("password reset under a tenant that admits its domain: the link proves the address, and the sign-in after it joins", async () => {
    const s = await setUp();
    await s.stores.organizations.updateOrganization("acme", { loginMethods: { signUpOpen: true, allowedEmailDomains: ["acme.test"] } });
    const newcomer = await s.signUp("newcomer@acme.test");
    const client = createAuthClient(s.ctx);
    const signIn = (password: string) => s.post(client, "/acme/signin", credentials("newcomer@acme.test", password));
    // Not verified: the tenant does not take the address yet.
    expect(await (await signIn(PASSWORD)).json()).toMatchObject({ status: "SIGN_IN_NOT_ALLOWED" });
    expect(
      await (await s.post(client, "/acme/user/password/reset/token", { formFields: [{ id: "email", value: "newcomer@acme.test" }] })).json(),
    ).toEqual({ status: "OK" });
    const sent = s.emailsTo("newcomer@acme.test").at(-1)!;
    expect(new URL(sent.link!).searchParams.get("tenantId")).toBe("acme");
    expect(await s.stores.organizations.getMembership("acme", newcomer.id)).toBeNull();
    const reset = { method: "token", token: tokenOf(sent), formFields: [{ id: "password", value: "fixture-pw-2" }] };
    expect(await (await s.post(client, "/acme/user/password/reset", reset)).json()).toEqual({ status: "OK" });
    const joined = await signIn("fixture-pw-2");
    expect(await joined.json()).toMatchObject({ status: "OK", user: { id: newcomer.id } });
    expect(decodeFrontToken(joined.headers.get("front-token")!).up.tId).toBe("acme");
    expect(await s.stores.organizations.getMembership("acme", newcomer.id)).toMatchObject({ role: "member" });
  });

  it("an access token of a deleted organization is no session of another created later under its slug", async () => {
    const s = await setUp();
    const bob = await s.signUp("bob@example.com");
    await s.stores.organizations.addMember({ organizationId: "acme", userId: bob.id, role: "member", joinedAt: s.ctx.now() });
    await bob.client.send("POST", `${API}/acme/signin`, { body: credentials("bob@example.com", PASSWORD) });
    expect(await (await s.post(bob.client, "/acme/user/email/verify/token", {})).json()).toEqual({ status: "OK" });
    // Gone without the engine's revocation (a removed member's session, or one that entered
    // while the deletion ran, is not among the sessions it revokes), then created again by another.
    await s.stores.organizations.deleteOrganization("acme");
    expect((await s.post(bob.client, "/acme/user/email/verify/token", {})).status).toBe(404);
    s.clock.advanceSeconds(60);
    const mallory = await s.signUp("mallory@example.com");
    expect(await createOrganization(s.ctx, { userId: mallory.id, slug: "acme", name: "Not Acme" })).toMatchObject({ status: "OK" });
    expect((await s.post(bob.client, "/acme/user/email/verify/token", {})).status).toBe(401);
    expect((await bob.client.send("GET", `${API}/acme/user/email/verify`)).status).toBe(401);
  });

  it("email verification: the link is bound to the tenant named, and a session of tenant A is no session on tenant B", async () => {
    const s = await setUp();
    const bob = await s.signUp("bob@example.com");
    await s.stores.organizations.addMember({ organizationId: "acme", userId: bob.id, role: "member", joinedAt: s.ctx.now() });
    const signedIn = await bob.client.send("POST", `${API}/acme/signin`, { body: credentials("bob@example.com", PASSWORD) });
    expect(decodeFrontToken(signedIn.headers.get("front-token")!).up.tId).toBe("acme");

    // Attack: the acme session used under "other" (where bob is no member) and vice versa.
    expect((await s.post(bob.client, "/other/user/email/verify/token", {})).status).toBe(401);
    expect((await bob.client.send("GET", `${API}/other/user/email/verify`)).status).toBe(401);
    expect(s.emailsTo("bob@example.com")).toHaveLength(0);

    expect(await (await s.post(bob.client, "/acme/user/email/verify/token", {})).json()).toEqual({ status: "OK" });
    const email = s.emailsTo("bob@example.com").at(-1)!;
    expect(new URL(email.link!).searchParams.get("tenantId")).toBe("acme");
    const anyone = createAuthClient(s.ctx);
    for (const prefix of ["", "/other"]) {
      const refused = await s.post(anyone, `${prefix}/user/email/verify`, { method: "token", token: tokenOf(email) });
      expect(await refused.json()).toEqual({ status: "EMAIL_VERIFICATION_INVALID_TOKEN_ERROR" });
    }
    expect(await (await s.post(anyone, "/acme/user/email/verify", { method: "token", token: tokenOf(email) })).json()).toEqual({ status: "OK" });
    expect(await (await bob.client.send("GET", `${API}/acme/user/email/verify`)).json()).toEqual({ status: "OK", isVerified: true });

    // The bare path (supertokens-web-js asks there whatever the session's tenant) is the public tenant's.
    const carol = await s.signUp("carol@example.com");
    expect(await (await s.post(carol.client, "/user/email/verify/token", {})).json()).toEqual({ status: "OK" });
    expect(new URL(s.emailsTo("carol@example.com").at(-1)!.link!).searchParams.has("tenantId")).toBe(false);
  });
});

describe("passwordless under an organization's tenant", () => {
  it("signs a member in with tId; refuses a stranger without making a user; a code of one tenant is refused under another, unspent", async () => {
    const s = await setUp();
    const browser = createAuthClient(s.ctx);
    const started = await startPasswordless(s, browser, "/acme", "owner@acme.test");
    expect(new URL(started.link!).searchParams.get("tenantId")).toBe("acme");
    const typed = { deviceId: started.deviceId, preAuthSessionId: started.preAuthSessionId, userInputCode: started.code };
    // Attack: the device and code of acme consumed, or resent, under public and under "other".
    for (const prefix of ["", "/public", "/other"]) {
      expect(await (await s.post(browser, `${prefix}/signinup/code/consume`, typed)).json()).toEqual({ status: "RESTART_FLOW_ERROR" });
      const linked = await s.post(browser, `${prefix}/signinup/code/consume`, linkPartsOf(started.link));
      expect(await linked.json()).toEqual({ status: "RESTART_FLOW_ERROR" });
      const resend = { deviceId: started.deviceId, preAuthSessionId: started.preAuthSessionId };
      expect(await (await s.post(browser, `${prefix}/signinup/code/resend`, resend)).json()).toEqual({ status: "RESTART_FLOW_ERROR" });
    }
    // Nor with the tenant written in front of the device id or link code (the binding joins the two with a newline).
    const prefixedDevice = { ...typed, deviceId: `acme\n${started.deviceId}` };
    expect(await (await s.post(browser, "/signinup/code/consume", prefixedDevice)).json()).toEqual({ status: "RESTART_FLOW_ERROR" });
    const linkParts = linkPartsOf(started.link);
    const prefixedLink = { ...linkParts, linkCode: `acme\n${linkParts.linkCode}` };
    expect(await (await s.post(browser, "/signinup/code/consume", prefixedLink)).json()).toEqual({ status: "RESTART_FLOW_ERROR" });
    const consumed = await s.post(browser, "/acme/signinup/code/consume", typed);
    expect(await consumed.json()).toMatchObject({ status: "OK", user: { id: s.owner.id } });
    expect(decodeFrontToken(consumed.headers.get("front-token")!).up.tId).toBe("acme");

    // A code sent under the public tenant does not work under acme either.
    const plain = await startPasswordless(s, browser, "", "owner@acme.test");
    const plainTyped = { deviceId: plain.deviceId, preAuthSessionId: plain.preAuthSessionId, userInputCode: plain.code };
    expect(await (await s.post(browser, "/acme/signinup/code/consume", plainTyped)).json()).toEqual({ status: "RESTART_FLOW_ERROR" });

    const strangerStart = await startPasswordless(s, browser, "/acme", "newcomer@acme.test");
    const refused = await s.post(browser, "/acme/signinup/code/consume", {
      deviceId: strangerStart.deviceId,
      preAuthSessionId: strangerStart.preAuthSessionId,
      userInputCode: strangerStart.code,
    });
    expect(await refused.json()).toMatchObject({ status: "SIGN_IN_UP_NOT_ALLOWED" });
    expect(await s.stores.passwordless.findAccount({ email: "newcomer@acme.test" })).toBeNull();
  });

  it("takes sign-ups where open (its domains only) as members; runs the tenant's own flow; off → 404", async () => {
    const s = await setUp({ passwordless: { contactMethod: "EMAIL_OR_PHONE" } });
    await s.stores.organizations.updateOrganization("acme", {
      loginMethods: { signUpOpen: true, allowedEmailDomains: ["acme.test"], firstFactors: ["otp-email"] },
    });
    const browser = createAuthClient(s.ctx);
    const started = await startPasswordless(s, browser, "/acme", "newcomer@acme.test");
    // Only the typed code is on here: no magic link in the email.
    expect(started.flowType).toBe("USER_INPUT_CODE");
    expect(started.link ?? "").toBe("");
    const joined = await s.post(browser, "/acme/signinup/code/consume", {
      deviceId: started.deviceId,
      preAuthSessionId: started.preAuthSessionId,
      userInputCode: started.code,
    });
    const body = await joined.json();
    expect(body).toMatchObject({ status: "OK", createdNewRecipeUser: true });
    expect(await s.stores.organizations.getMembership("acme", body.user.id)).toMatchObject({ role: "member" });

    const outsider = await startPasswordless(s, browser, "/acme", "outsider@example.com");
    const refused = await s.post(browser, "/acme/signinup/code/consume", {
      deviceId: outsider.deviceId,
      preAuthSessionId: outsider.preAuthSessionId,
      userInputCode: outsider.code,
    });
    expect(await refused.json()).toMatchObject({ status: "SIGN_IN_UP_NOT_ALLOWED" });
    expect((await s.post(browser, "/acme/signinup/code", { phoneNumber: "+14155550100" })).status).toBe(400);

    await s.stores.organizations.updateOrganization("acme", { loginMethods: { firstFactors: ["emailpassword"] } });
    expect((await s.post(browser, "/acme/signinup/code", { email: "owner@acme.test" })).status).toBe(404);
    expect((await browser.send("GET", `${API}/acme/passwordless/email/exists?email=owner@acme.test`)).status).toBe(404);
    expect((await s.post(browser, "/signinup/code", { email: "owner@acme.test" })).status).toBe(200);
  });

  it("a typed code completes otp-email and a link link-email: a tenant that takes one refuses the other (404, unspent) and loginmethods lists it alone", async () => {
    const s = await setUp({ mfa: { enabled: true } });
    const browser = createAuthClient(s.ctx);
    const sessionOf = async (response: Response) => {
      const up = decodeFrontToken(response.headers.get("front-token")!).up as { sessionHandle: string; "st-mfa": { c: Record<string, number> } };
      const row = await s.stores.sessions.getSession(up.sessionHandle);
      return { completed: Object.keys(up["st-mfa"].c), record: signInRecordOfPayload(row!.jwtPayload) };
    };
    // Both sent while acme took both; then acme takes links only.
    const byLink = await startPasswordless(s, browser, "/acme", "owner@acme.test");
    expect(byLink.code && byLink.link).toBeTruthy();
    await s.stores.organizations.updateOrganization("acme", { loginMethods: { firstFactors: ["link-email"] } });
    expect(await (await browser.send("GET", `${API}/acme/loginmethods`)).json()).toMatchObject({ firstFactors: ["link-email"] });
    const typed = { deviceId: byLink.deviceId, preAuthSessionId: byLink.preAuthSessionId, userInputCode: byLink.code };
    expect((await s.post(browser, "/acme/signinup/code/consume", typed)).status).toBe(404);
    const linked = await s.post(browser, "/acme/signinup/code/consume", linkPartsOf(byLink.link));
    expect(await linked.json()).toMatchObject({ status: "OK", user: { id: s.owner.id } });
    expect(await sessionOf(linked)).toEqual({ completed: ["link-email"], record: { factor: "link-email", tenant: "acme", v: 2 } });

    // The reverse: codes only; the link is refused, the code still works.
    await s.stores.organizations.updateOrganization("acme", { loginMethods: { firstFactors: ["otp-email", "link-email"] } });
    const byCode = await startPasswordless(s, browser, "/acme", "owner@acme.test");
    await s.stores.organizations.updateOrganization("acme", { loginMethods: { firstFactors: ["otp-email"] } });
    expect((await s.post(browser, "/acme/signinup/code/consume", linkPartsOf(byCode.link))).status).toBe(404);
    const signedIn = await s.post(browser, "/acme/signinup/code/consume", {
      deviceId: byCode.deviceId,
      preAuthSessionId: byCode.preAuthSessionId,
      userInputCode: byCode.code,
    });
    expect(await signedIn.json()).toMatchObject({ status: "OK", user: { id: s.owner.id } });
    expect(await sessionOf(signedIn)).toEqual({ completed: ["otp-email"], record: { factor: "otp-email", tenant: "acme", v: 2 } });
  });
});
