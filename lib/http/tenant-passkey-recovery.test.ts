/**
 * Passkey recovery under an organization's tenant that admits by email domain (`signUpOpen`
 * with `allowedEmailDomains`), over the real route table: the link is asked as a password reset
 * link is, for the address it proves by being followed, so an account of the domain whose address
 * was never verified gets one, and following it lets the account in. Other tenant rules of
 * recovery: tenant-webauthn.test.ts.
 */
import { describe, expect, it } from "vitest";
import { createOrganization } from "../auth/organizations/organizations";
import { createPasskey, signWithPasskey, type SoftPasskey } from "../auth/testing/soft-authenticator";
import { createWebauthnEngine, ORIGIN } from "../auth/testing/webauthn-fixtures";
import { createAuthClient } from "./testing/client";

const API = "/api/auth";
type Client = ReturnType<typeof createAuthClient>;

async function setUp() {
  const engine = createWebauthnEngine();
  const post = (client: Client, path: string, body?: unknown) => client.send("POST", `${API}${path}`, { body, headers: { rid: "webauthn" } });
  const signUp = async (email: string) => {
    const client = createAuthClient(engine.ctx);
    const options = await (await post(client, "/webauthn/options/register", { email })).json();
    const { passkey, response } = createPasskey(options, ORIGIN);
    const body = await (
      await post(client, "/webauthn/signup", { webauthnGeneratedOptionsId: options.webauthnGeneratedOptionsId, credential: response })
    ).json();
    expect(body).toMatchObject({ status: "OK" });
    return { id: body.user.id as string, passkey };
  };
  const signIn = async (prefix: string, passkey: SoftPasskey) => {
    const client = createAuthClient(engine.ctx);
    const options = await (await post(client, `${prefix}/webauthn/options/signin`)).json();
    const credential = signWithPasskey(passkey, options, ORIGIN);
    return (await post(client, `${prefix}/webauthn/signin`, { webauthnGeneratedOptionsId: options.webauthnGeneratedOptionsId, credential })).json();
  };
  const owner = await signUp("owner@acme.test");
  await engine.stores.users.markEmailVerified(owner.id, "owner@acme.test");
  expect(await createOrganization(engine.ctx, { userId: owner.id, slug: "acme", name: "Acme" })).toMatchObject({ status: "OK" });
  await engine.stores.organizations.updateOrganization("acme", { loginMethods: { signUpOpen: true, allowedEmailDomains: ["acme.test"] } });
  return { ...engine, post, signUp, signIn };
}

describe("passkey recovery under a tenant that admits by email domain", () => {
  it("sends the link to an unverified account of the domain, as a password reset does, and following it lets the account in", async () => {
    const s = await setUp();
    const lost = await s.signUp("later@acme.test");
    // Not yet: the domain admits only a verified address.
    expect(await s.signIn("/acme", lost.passkey)).toEqual({ status: "INVALID_CREDENTIALS_ERROR" });

    const browser = createAuthClient(s.ctx);
    expect(await (await s.post(browser, "/acme/user/webauthn/reset/token", { email: "later@acme.test" })).json()).toEqual({ status: "OK" });
    await s.ctx.audit.settled();
    const sent = s.delivery.sent.filter((e) => e.kind === "WEBAUTHN_RECOVER" && e.to === "later@acme.test");
    expect(sent).toHaveLength(1);
    const token = new URL(sent[0]!.link!).searchParams.get("token")!;

    const options = await (await s.post(browser, "/acme/webauthn/options/register", { recoverAccountToken: token })).json();
    expect(options).toMatchObject({ status: "OK" });
    const { passkey, response } = createPasskey(options, ORIGIN);
    const recovered = { token, webauthnGeneratedOptionsId: options.webauthnGeneratedOptionsId, credential: response };
    expect(await (await s.post(browser, "/acme/user/webauthn/reset", recovered)).json()).toMatchObject({ status: "OK", user: { id: lost.id } });

    expect(await s.signIn("/acme", passkey)).toMatchObject({ status: "OK", user: { id: lost.id } });
    expect(await s.stores.organizations.getMembership("acme", lost.id)).toMatchObject({ role: "member" });
  });

  it("still sends nothing to an address the tenant would not take verified", async () => {
    const s = await setUp();
    await s.signUp("someone@example.com");
    const browser = createAuthClient(s.ctx);
    expect(await (await s.post(browser, "/acme/user/webauthn/reset/token", { email: "someone@example.com" })).json()).toEqual({ status: "OK" });
    await s.ctx.audit.settled();
    expect(s.delivery.sent.filter((e) => e.kind === "WEBAUTHN_RECOVER")).toEqual([]);
  });
});
