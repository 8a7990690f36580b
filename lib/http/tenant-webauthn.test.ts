/**
 * Passkeys under the FDI tenant segment (`/<tenantId>/webauthn/…`), over the real route table
 * with a software authenticator: an organization's tenant applies its rules to sign-up, sign-in
 * and recovery, keeps its recovery links to itself, takes only its own sessions on the signed-in
 * calls, and can switch passkeys off. The public tenant's paths: webauthn.test.ts.
 */
import { describe, expect, it } from "vitest";
import type { GatehouseConfig } from "../auth/config";
import { createOrganization } from "../auth/organizations/organizations";
import { decodeFrontToken } from "../auth/session/front-token";
import { createPasskey, signWithPasskey, type SoftPasskey } from "../auth/testing/soft-authenticator";
import { createWebauthnEngine, ORIGIN } from "../auth/testing/webauthn-fixtures";
import { MESSAGE } from "../auth/wire-codes";
import { TENANT_PATHS } from "./routes";
import { createAuthClient } from "./testing/client";

const API = "/api/auth";
type Client = ReturnType<typeof createAuthClient>;

/** Passkeys on; owner@acme.test (a passkey account) owns the organization "acme". */
async function setUp(config: GatehouseConfig = {}) {
  const engine = createWebauthnEngine(config);
  const post = (client: Client, path: string, body?: unknown) => client.send("POST", `${API}${path}`, { body, headers: { rid: "webauthn" } });
  const get = (client: Client, path: string) => client.send("GET", `${API}${path}`, { headers: { rid: "webauthn" } });

  /** A whole passkey sign-up under `prefix` ("" or "/<tenantId>"). */
  async function signUp(client: Client, prefix: string, email: string) {
    const options = await (await post(client, `${prefix}/webauthn/options/register`, { email })).json();
    expect(options).toMatchObject({ status: "OK" });
    const { passkey, response } = createPasskey(options, ORIGIN);
    const answer = await post(client, `${prefix}/webauthn/signup`, {
      webauthnGeneratedOptionsId: options.webauthnGeneratedOptionsId,
      credential: response,
    });
    return { passkey, answer, body: await answer.json() };
  }

  /** A whole passkey sign-in under `prefix`. */
  async function signIn(client: Client, prefix: string, passkey: SoftPasskey) {
    const options = await (await post(client, `${prefix}/webauthn/options/signin`)).json();
    expect(options).toMatchObject({ status: "OK" });
    const credential = signWithPasskey(passkey, options, ORIGIN);
    const answer = await post(client, `${prefix}/webauthn/signin`, { webauthnGeneratedOptionsId: options.webauthnGeneratedOptionsId, credential });
    return { answer, body: await answer.json() };
  }

  const owner = await signUp(createAuthClient(engine.ctx), "", "owner@acme.test");
  expect(owner.body).toMatchObject({ status: "OK" });
  expect(await createOrganization(engine.ctx, { userId: owner.body.user.id, slug: "acme", name: "Acme" })).toMatchObject({ status: "OK" });
  return { ...engine, post, get, signUp, signIn, owner: { id: owner.body.user.id as string, passkey: owner.passkey } };
}

const tenantOf = (response: Response) => decodeFrontToken(response.headers.get("front-token")!).up.tId;

describe("passkeys under an organization's tenant", () => {
  it("serves every passkey path under a tenant segment", () => {
    for (const path of ["/webauthn/options/register", "/webauthn/signin", "/webauthn/credential/list", "/user/webauthn/reset"]) {
      expect(TENANT_PATHS.has(path), path).toBe(true);
    }
  });

  it("signs a member in to the tenant (tId), refuses a stranger as an unknown passkey, and changes nothing for them", async () => {
    const s = await setUp();
    const member = await s.signIn(createAuthClient(s.ctx), "/acme", s.owner.passkey);
    expect(member.body).toMatchObject({ status: "OK", user: { id: s.owner.id } });
    expect(tenantOf(member.answer)).toBe("acme");

    const stranger = await s.signUp(createAuthClient(s.ctx), "", "stranger@example.com");
    const before = await s.stores.webauthn.listCredentials(stranger.body.user.id);
    const refused = await s.signIn(createAuthClient(s.ctx), "/acme", stranger.passkey);
    expect(refused.body).toEqual({ status: "INVALID_CREDENTIALS_ERROR" });
    expect(refused.answer.headers.get("front-token")).toBeNull();
    expect(await s.stores.webauthn.listCredentials(stranger.body.user.id)).toEqual(before);
    expect(await s.stores.organizations.getMembership("acme", stranger.body.user.id)).toBeNull();
    // The same passkey still signs in on the public tenant, whose sessions carry no tenant.
    const publicSignIn = await s.signIn(createAuthClient(s.ctx), "/public", stranger.passkey);
    expect(publicSignIn.body).toMatchObject({ status: "OK" });
    expect(tenantOf(publicSignIn.answer)).toBeUndefined();
  });

  it("takes sign-ups only where the tenant is open, from its domains, as members; joining by domain takes a verified address", async () => {
    const s = await setUp();
    // Refused when the options are asked for, before the authenticator makes a passkey that would stay on the device unusable.
    const options = async (email: string) => (await s.post(createAuthClient(s.ctx), "/acme/webauthn/options/register", { email })).json();
    expect(await options("new@acme.test")).toEqual({ status: "INVALID_EMAIL_ERROR", err: MESSAGE.TENANT_SIGN_UP_CLOSED });

    await s.stores.organizations.updateOrganization("acme", { loginMethods: { signUpOpen: true, allowedEmailDomains: ["acme.test"] } });
    // A passkey proves no address, and joining by email domain takes a verified one.
    expect(await options("new@acme.test")).toEqual({ status: "INVALID_EMAIL_ERROR", err: MESSAGE.TENANT_EMAIL_NOT_VERIFIED });
    expect(await options("someone@example.com")).toEqual({ status: "INVALID_EMAIL_ERROR", err: MESSAGE.TENANT_SIGN_UP_CLOSED });
    // The sign-up asks again: options made while the tenant was open to anyone, then narrowed. Refused, nothing written.
    await s.stores.organizations.updateOrganization("acme", { loginMethods: { signUpOpen: true } });
    const early = createAuthClient(s.ctx);
    const made = await Promise.all(
      ["new@acme.test", "someone@example.com"].map(async (email) => (await s.post(early, "/acme/webauthn/options/register", { email })).json()),
    );
    await s.stores.organizations.updateOrganization("acme", { loginMethods: { signUpOpen: true, allowedEmailDomains: ["acme.test"] } });
    const [byDomain, outsider] = await Promise.all(
      made.map(async (options) => {
        expect(options).toMatchObject({ status: "OK" });
        const { response } = createPasskey(options, ORIGIN);
        const answer = await s.post(early, "/acme/webauthn/signup", {
          webauthnGeneratedOptionsId: options.webauthnGeneratedOptionsId,
          credential: response,
        });
        return { answer, body: await answer.json() };
      }),
    );
    expect(byDomain.body).toEqual({ status: "SIGN_UP_NOT_ALLOWED", reason: MESSAGE.TENANT_EMAIL_NOT_VERIFIED });
    expect(byDomain.answer.headers.get("front-token")).toBeNull();
    expect(outsider.body).toEqual({ status: "SIGN_UP_NOT_ALLOWED", reason: MESSAGE.TENANT_SIGN_UP_CLOSED });
    expect(await s.stores.thirdParty.findUserByEmail("new@acme.test")).toBeNull();
    expect((await s.stores.organizations.listMembers("acme")).map((m) => m.role)).toEqual(["owner"]);

    // An account of the domain made on the public tenant enters by passkey only once its address is verified, and then joins.
    const later = await s.signUp(createAuthClient(s.ctx), "", "later@acme.test");
    expect((await s.signIn(createAuthClient(s.ctx), "/acme", later.passkey)).body).toEqual({ status: "INVALID_CREDENTIALS_ERROR" });
    expect(await s.stores.organizations.getMembership("acme", later.body.user.id)).toBeNull();
    await s.stores.users.markEmailVerified(later.body.user.id, "later@acme.test");
    const admitted = await s.signIn(createAuthClient(s.ctx), "/acme", later.passkey);
    expect(admitted.body).toMatchObject({ status: "OK" });
    expect(tenantOf(admitted.answer)).toBe("acme");
    expect(await s.stores.organizations.getMembership("acme", later.body.user.id)).toMatchObject({ role: "member" });

    // Open to anyone (no domain rule): a passkey sign-up joins at once, and an existing account joins at sign-in.
    await s.stores.organizations.updateOrganization("acme", { loginMethods: { signUpOpen: true } });
    const joined = await s.signUp(createAuthClient(s.ctx), "/acme", "new@acme.test");
    expect(joined.body).toMatchObject({ status: "OK", user: { emails: ["new@acme.test"] } });
    expect(tenantOf(joined.answer)).toBe("acme");
    expect(await s.stores.organizations.getMembership("acme", joined.body.user.id)).toMatchObject({ role: "member" });
    const existing = await s.signUp(createAuthClient(s.ctx), "", "later@example.com");
    expect((await s.signIn(createAuthClient(s.ctx), "/acme", existing.passkey)).body).toMatchObject({ status: "OK" });
    expect(await s.stores.organizations.getMembership("acme", existing.body.user.id)).toMatchObject({ role: "member" });
  });

  it("recovery: the link names the tenant, works only there, and goes only to those who may enter it", async () => {
    const s = await setUp();
    // A verified address: recovery then adds the passkey beside the owner's (an unverified one is taken over, passkey-recovery-takeover.test.ts).
    expect(await s.stores.users.markEmailVerified(s.owner.id, "owner@acme.test")).toBe(true);
    const browser = createAuthClient(s.ctx);
    await s.signUp(createAuthClient(s.ctx), "", "stranger@example.com");
    for (const email of ["owner@acme.test", "stranger@example.com", "nobody@example.com"]) {
      expect(await (await s.post(browser, "/acme/user/webauthn/reset/token", { email })).json()).toEqual({ status: "OK" });
    }
    await s.ctx.audit.settled();
    const sent = s.delivery.sent.filter((e) => e.kind === "WEBAUTHN_RECOVER");
    expect(sent.map((e) => e.to)).toEqual(["owner@acme.test"]);
    const link = new URL(sent[0].link!);
    expect(`${link.origin}${link.pathname}`).toBe(`${ORIGIN}/auth/webauthn/recover`);
    expect(link.searchParams.get("tenantId")).toBe("acme");
    const token = link.searchParams.get("token")!;

    const invalid = { status: "RECOVER_ACCOUNT_TOKEN_INVALID_ERROR" };
    expect(await (await s.post(browser, "/webauthn/options/register", { recoverAccountToken: token })).json()).toEqual(invalid);
    const options = await (await s.post(browser, "/acme/webauthn/options/register", { recoverAccountToken: token })).json();
    expect(options).toMatchObject({ status: "OK", user: { name: "owner@acme.test" } });
    const { response } = createPasskey(options, ORIGIN);
    const reset = { token, webauthnGeneratedOptionsId: options.webauthnGeneratedOptionsId, credential: response };
    // Under the public tenant the token is unknown, and stays unspent.
    expect(await (await s.post(browser, "/user/webauthn/reset", reset)).json()).toEqual(invalid);
    const again = await (await s.post(browser, "/acme/webauthn/options/register", { recoverAccountToken: token })).json();
    const retry = { token, webauthnGeneratedOptionsId: again.webauthnGeneratedOptionsId, credential: createPasskey(again, ORIGIN).response };
    expect(await (await s.post(browser, "/acme/user/webauthn/reset", retry)).json()).toMatchObject({ status: "OK", user: { id: s.owner.id } });
    expect(await s.stores.webauthn.listCredentials(s.owner.id)).toHaveLength(2);
  });

  it("signed-in calls under the tenant take only a session of that tenant", async () => {
    const s = await setUp();
    const publicSession = createAuthClient(s.ctx);
    expect((await s.signIn(publicSession, "", s.owner.passkey)).body).toMatchObject({ status: "OK" });
    expect((await s.get(publicSession, "/webauthn/credential/list")).status).toBe(200);
    expect((await s.get(publicSession, "/acme/webauthn/credential/list")).status).toBe(401);
    const [{ webauthnCredentialId }] = (await (await s.get(publicSession, "/webauthn/credential/list")).json()).credentials;
    expect((await s.post(publicSession, "/acme/webauthn/credential/remove", { webauthnCredentialId })).status).toBe(401);
    // A session of another tenant also excludes nothing from register options there (as no session: a sign-up, which acme refuses while closed).
    expect(await (await s.post(publicSession, "/acme/webauthn/options/register", { email: "owner@acme.test" })).json()).toMatchObject({
      status: "INVALID_EMAIL_ERROR",
    });
    await s.stores.organizations.updateOrganization("acme", { loginMethods: { signUpOpen: true } });
    const options = await (await s.post(publicSession, "/acme/webauthn/options/register", { email: "owner@acme.test" })).json();
    expect(options.excludeCredentials).toEqual([]);
    expect(await s.stores.webauthn.listCredentials(s.owner.id)).toHaveLength(1);

    const acmeSession = createAuthClient(s.ctx);
    expect((await s.signIn(acmeSession, "/acme", s.owner.passkey)).body).toMatchObject({ status: "OK" });
    const listed = await (await s.get(acmeSession, "/acme/webauthn/credential/list")).json();
    expect(listed).toMatchObject({ status: "OK", credentials: [{ webauthnCredentialId }] });
    const mine = await (await s.post(acmeSession, "/acme/webauthn/options/register", { email: "owner@acme.test" })).json();
    expect(mine.excludeCredentials.map((c: { id: string }) => c.id)).toEqual([webauthnCredentialId]);
    const rename = { webauthnCredentialId, name: "Work laptop" };
    expect(await (await s.post(acmeSession, "/acme/webauthn/credential/rename", rename)).json()).toEqual({ status: "OK" });
  });

  it("a tenant without passkeys in its first factors, and an unknown tenant, answer 404", async () => {
    const s = await setUp();
    const browser = createAuthClient(s.ctx);
    const loginMethods = async (prefix: string) => (await (await s.get(browser, `${prefix}/loginmethods`)).json()).firstFactors;
    expect(await loginMethods("")).toContain("webauthn");
    expect(await loginMethods("/acme")).toContain("webauthn");

    await s.stores.organizations.updateOrganization("acme", { loginMethods: { firstFactors: ["emailpassword"] } });
    expect(await loginMethods("/acme")).toEqual(["emailpassword"]);
    expect((await s.post(browser, "/acme/webauthn/options/signin")).status).toBe(404);
    expect((await s.get(browser, "/acme/webauthn/email/exists?email=owner%40acme.test")).status).toBe(404);
    expect((await s.post(browser, "/acme/user/webauthn/reset/token", { email: "owner@acme.test" })).status).toBe(404);
    // The public tenant keeps them.
    expect((await s.post(browser, "/webauthn/options/signin")).status).toBe(200);

    const unknown = await s.post(browser, "/nobody-here/webauthn/options/signin");
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ status: "TENANT_NOT_FOUND_ERROR" });
  });
});
