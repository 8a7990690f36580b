import { describe, expect, it } from "vitest";
import { createApiKey } from "../auth/apikeys/api-keys";
import type { GatehouseConfig } from "../auth/config";
import { createOrganization } from "../auth/organizations/organizations";
import { createTestEngine } from "../auth/testing/test-engine";
import { MESSAGE } from "../auth/wire-codes";
import { createAuthClient, credentials } from "./testing/client";

const API = "/api/auth";

async function setUp(config: GatehouseConfig = {}) {
  const engine = createTestEngine(config);
  const key = await createApiKey(engine.ctx, { name: "ops" });
  if (key.status !== "OK") throw new Error("key");
  const admin = createAuthClient(engine.ctx);
  const send = (method: string, path: string, body?: unknown) =>
    admin.send(method, `${API}${path}`, { body, headers: { authorization: `Bearer ${key.key}` } });
  const owner = (
    await (await createAuthClient(engine.ctx).send("POST", `${API}/signup`, { body: credentials("owner@acme.test", "fixture-pw-1") })).json()
  ).user.id as string;
  for (const slug of ["acme", "beta", "gamma"]) await createOrganization(engine.ctx, { userId: owner, slug, name: slug.toUpperCase() });
  return { ...engine, send, owner };
}

describe("admin API: organizations and tenants", () => {
  it("lists organizations a page at a time and shows one with its members", async () => {
    const { send, owner } = await setUp();
    const first = await (await send("GET", "/admin/organizations?limit=2")).json();
    expect(first).toMatchObject({ status: "OK", organizations: [{ id: "acme" }, { id: "beta" }], nextAfter: "beta" });
    const next = await (await send("GET", "/admin/organizations?limit=2&after=beta")).json();
    expect(next.organizations.map((o: { id: string }) => o.id)).toEqual(["gamma"]);
    expect(next).not.toHaveProperty("nextAfter");
    const acme = await (await send("GET", "/admin/organizations/acme")).json();
    expect(acme).toMatchObject({ status: "OK", organization: { id: "acme", loginMethods: null }, members: [{ userId: owner, role: "owner" }] });
    expect((await send("GET", "/admin/organizations/nope")).status).toBe(404);
    expect((await send("GET", "/admin/organizations?limit=0")).status).toBe(400);
  });

  it("sets a tenant's login methods, which its sign-in then follows, refusing what makes no sense", async () => {
    const { send, ctx, stores } = await setUp();
    const set = await send("PUT", "/admin/organizations/acme/login-methods", {
      loginMethods: { signUpOpen: true, allowedEmailDomains: ["acme.test"] },
    });
    expect(await set.json()).toEqual({ status: "OK" });
    // Open to the domain, which it joins with a verified address (docs/organizations.md): a
    // password sign-up is told so, and a verified account of the domain joins at sign-in.
    const signUp = await createAuthClient(ctx).send("POST", `${API}/acme/signup`, { body: credentials("new@acme.test", "fixture-pw-1") });
    expect(await signUp.json()).toEqual({ status: "SIGN_UP_NOT_ALLOWED", reason: MESSAGE.TENANT_EMAIL_NOT_VERIFIED });
    const made = await (await createAuthClient(ctx).send("POST", `${API}/signup`, { body: credentials("new@acme.test", "fixture-pw-1") })).json();
    await stores.users.markEmailVerified(made.user.id, "new@acme.test");
    const joined = await createAuthClient(ctx).send("POST", `${API}/acme/signin`, { body: credentials("new@acme.test", "fixture-pw-1") });
    expect(await joined.json()).toMatchObject({ status: "OK" });
    expect(await stores.organizations.getMembership("acme", made.user.id)).toMatchObject({ role: "member" });
    for (const loginMethods of [{ firstFactors: ["password"] }, { allowedEmailDomains: ["Acme.Test"] }, { other: true }]) {
      const refused = await send("PUT", "/admin/organizations/acme/login-methods", { loginMethods });
      expect(refused.status).toBe(400);
      expect(await refused.json()).toHaveProperty("status");
    }
    expect((await send("PUT", "/admin/organizations/nope/login-methods", { loginMethods: null })).status).toBe(404);
    expect(await send("PUT", "/admin/organizations/acme/login-methods", { loginMethods: null }).then((r) => r.json())).toEqual({ status: "OK" });
    expect((await stores.organizations.getOrganization("acme"))?.loginMethods).toBeNull();
    await ctx.audit.settled();
    expect((await stores.audit.listEvents({ limit: 50 })).map((e) => e.type)).toContain("organization.tenant_configured");
  });

  it("takes a provider with the tenant's own client, never answers its secret, and refuses a client without one", async () => {
    const { send, ctx, stores } = await setUp({
      mfa: {},
      thirdParty: {
        customProviders: [{ id: "corp", type: "oidc", name: "Corp", issuer: "https://id.example.com", clientId: "app", clientSecret: "app-secret" }],
      },
    });
    const own = { id: "corp", clientId: "acme-client", clientSecret: "acme-secret-123" };
    const set = await send("PUT", "/admin/organizations/acme/login-methods", {
      loginMethods: { thirdPartyProviders: [own], requiredSecondaryFactors: ["totp"] },
    });
    expect(await set.json()).toEqual({ status: "OK" });
    // Sealed at rest (tenant-client-secret.ts): not in the row either.
    expect(JSON.stringify(await stores.organizations.getOrganization("acme"))).not.toContain("acme-secret-123");
    for (const path of ["/admin/organizations/acme", "/admin/organizations", "/acme/loginmethods"]) {
      const text = await (await send("GET", path)).text();
      expect(text).not.toContain("acme-secret-123");
    }
    const shown = await (await send("GET", "/admin/organizations/acme")).json();
    expect(shown.organization.loginMethods.thirdPartyProviders).toEqual([{ id: "corp", clientId: "acme-client", hasClientSecret: true }]);
    expect(await (await createAuthClient(ctx).send("GET", `${API}/acme/loginmethods`)).json()).toMatchObject({
      thirdParty: { providers: [{ id: "corp", name: "Corp" }] },
    });
    for (const loginMethods of [
      { thirdPartyProviders: [{ id: "corp", clientId: "acme-client" }] },
      { thirdPartyProviders: [own, "corp"] },
      { requiredSecondaryFactors: ["sms-code"] },
    ]) {
      const refused = await send("PUT", "/admin/organizations/acme/login-methods", { loginMethods });
      expect([refused.status, (await refused.json()).status]).toEqual([400, "LOGIN_METHODS_INVALID"]);
    }
  });

  it("refuses a tenant's second factor while MFA is off in the configuration", async () => {
    const { send } = await setUp({});
    const refused = await send("PUT", "/admin/organizations/acme/login-methods", { loginMethods: { requiredSecondaryFactors: ["totp"] } });
    expect([refused.status, (await refused.json()).status]).toEqual([400, "LOGIN_METHODS_INVALID"]);
  });

  it("says so of a tenant's second factor stored before MFA was turned off, which nothing enforces then", async () => {
    // What a tenant set while MFA was on keeps once the deployer turns it off.
    const off = await setUp({});
    await off.stores.organizations.updateOrganization("acme", { loginMethods: { requiredSecondaryFactors: ["totp"] } });
    const shown = await (await off.send("GET", "/admin/organizations/acme")).json();
    expect(shown.organization).toMatchObject({ loginMethods: { requiredSecondaryFactors: ["totp"] }, requiredSecondaryFactorsEnforced: false });
    const listed = (await (await off.send("GET", "/admin/organizations")).json()).organizations;
    expect(listed.map((o: Record<string, unknown>) => [o.id, o.requiredSecondaryFactorsEnforced])).toEqual([
      ["acme", false],
      ["beta", undefined],
      ["gamma", undefined],
    ]);
    // The FDI's answer is not the admin's: unchanged.
    expect(await (await createAuthClient(off.ctx).send("GET", `${API}/acme/loginmethods`)).text()).not.toContain("Enforced");

    const on = await setUp({ mfa: {} });
    await on.stores.organizations.updateOrganization("acme", { loginMethods: { requiredSecondaryFactors: ["totp"] } });
    expect((await (await on.send("GET", "/admin/organizations/acme")).json()).organization.requiredSecondaryFactorsEnforced).toBe(true);
  });

  it("narrows a tenant's email domains, which signs the sessions inside it of other domains out at their next refresh", async () => {
    const { send, ctx, stores } = await setUp();
    const signedIn = async (email: string) => {
      const client = createAuthClient(ctx);
      const made = await (await client.send("POST", `${API}/signup`, { body: credentials(email, "fixture-pw-1") })).json();
      if (made.status === "OK")
        await stores.organizations.addMember({ organizationId: "acme", userId: made.user.id, role: "member", joinedAt: ctx.now() });
      expect(await (await client.send("POST", `${API}/acme/signin`, { body: credentials(email, "fixture-pw-1") })).json()).toMatchObject({
        status: "OK",
      });
      return client;
    };
    const owner = await signedIn("owner@acme.test");
    const partner = await signedIn("someone@partner.test");
    expect((await partner.send("POST", `${API}/session/refresh`)).status).toBe(200);

    const set = await send("PUT", "/admin/organizations/acme/login-methods", { loginMethods: { allowedEmailDomains: ["acme.test"] } });
    expect(await set.json()).toEqual({ status: "OK" });

    // The partner's session is revoked: 401 unauthorised, its tokens cleared, as for any revoked session.
    const refused = await partner.send("POST", `${API}/session/refresh`);
    expect([refused.status, await refused.json()]).toEqual([401, { message: "unauthorised" }]);
    expect(refused.headers.get("front-token")).toBe("remove");
    expect(partner.jar.size).toBe(0);
    expect((await owner.send("POST", `${API}/session/refresh`)).status).toBe(200);
  });

  it("deletes an organization, and refuses a caller who is no admin", async () => {
    const { send, ctx, stores } = await setUp();
    expect((await send("DELETE", "/admin/organizations/beta")).status).toBe(200);
    expect(await stores.organizations.getOrganization("beta")).toBeNull();
    expect((await send("DELETE", "/admin/organizations/beta")).status).toBe(404);
    const member = createAuthClient(ctx);
    await member.send("POST", `${API}/signin`, { body: credentials("owner@acme.test", "fixture-pw-1") });
    expect((await member.send("GET", `${API}/admin/organizations`)).status).toBe(403);
  });
});
