/**
 * Switching into an organization (`PUT /organizations/active`) asks what signing in to its tenant
 * would have asked: a sign-in method the tenant allows (its `firstFactors`, its providers and its
 * own client at one) and its required second factors. Otherwise a member could sign in with a
 * password on the public tenant and switch into an organization that allows only its single
 * sign-on, past the policy (docs/organizations.md, "Switching").
 */
import { describe, expect, it } from "vitest";
import { OTHER_CLIENT_ID, OTHER_CLIENT_SECRET } from "../../scripts/test-oidc-provider.mjs";
import { createOrganization } from "../auth/organizations/organizations";
import type { TenantLoginMethods } from "../auth/ports/organization-store";
import { decodeFrontToken } from "../auth/session/front-token";
import { createNewSession } from "../auth/session/session";
import { revokeAllSessionsForUser } from "../auth/session/session-revocation";
import { interleaveAt } from "../auth/testing/interleave";
import { createMemoryStores } from "../auth/testing/memory-stores";
import { createTestEngine } from "../auth/testing/test-engine";
import { createAuthClient, credentials, ORIGIN } from "./testing/client";
import { createMfaHarness, payloadOf } from "./testing/mfa-harness";
import { loginAtProvider } from "./testing/oidc-browser";
import { realClock, useThirdPartyHarness, type AuthClient } from "./testing/third-party-harness";

const API = "/api/auth";
const PASSWORD = "fixture-pw-1";
const REDIRECT = `${ORIGIN}/auth/callback/oidc-test`;
const SSO_ONLY: TenantLoginMethods = { firstFactors: ["thirdparty"] };

const switchTo = (client: AuthClient, organizationId: string) => client.send("PUT", `${API}/organizations/active`, { body: { organizationId } });

describe("switching into an organization: its sign-in methods", () => {
  const h = useThirdPartyHarness(async (config) => createTestEngine(config, { clock: realClock() }));

  /** acme (owned by a password user) with `loginMethods`, and a way to make members. */
  async function setUp(loginMethods: TenantLoginMethods | null) {
    const made = await h.engine();
    const owner = await (await made.client.send("POST", `${API}/signup`, { body: credentials(h.login("owner"), PASSWORD) })).json();
    expect(await createOrganization(made.ctx, { userId: owner.user.id, slug: "acme", name: "Acme" })).toMatchObject({ status: "OK" });
    await made.stores.organizations.updateOrganization("acme", { loginMethods });
    const join = (userId: string) =>
      made.stores.organizations.addMember({ organizationId: "acme", userId, role: "member", joinedAt: made.ctx.now() });
    /** A member signed in with a password on the public tenant. */
    const passwordMember = async () => {
      const client = createAuthClient(made.ctx);
      const body = await (await client.send("POST", `${API}/signup`, { body: credentials(h.login("pw"), PASSWORD) })).json();
      await join(body.user.id);
      return { client, id: body.user.id as string };
    };
    /** A member signed in through the provider on the public tenant. */
    const ssoMember = async (thirdPartyId = "oidc-test") => {
      const client = createAuthClient(made.ctx);
      const body = await (await h.fdiSignIn(client, h.login("sso"), thirdPartyId)).json();
      expect(body).toMatchObject({ status: "OK" });
      await join(body.user.id);
      return { client, id: body.user.id as string };
    };
    return { ...made, passwordMember, ssoMember };
  }

  it("refuses a password session into an organization that allows single sign-on only, and changes nothing", async () => {
    const { passwordMember } = await setUp(SSO_ONLY);
    const { client } = await passwordMember();
    const refused = await switchTo(client, "acme");
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({ status: "TENANT_SIGN_IN_REQUIRED" });
    expect(refused.headers.get("front-token")).toBeNull();
    const listed = await (await client.send("GET", `${API}/organizations`)).json();
    expect(listed).toMatchObject({ status: "OK", active: null });
    // Nor does the next refresh bring the organization in.
    const refreshed = await client.send("POST", `${API}/session/refresh`);
    expect(decodeFrontToken(refreshed.headers.get("front-token")!).up).not.toHaveProperty("tId");
  });

  it("lets a third-party session in, also after a refresh; a password session where the organization lists it", async () => {
    const { ssoMember, passwordMember, stores } = await setUp(SSO_ONLY);
    const { client } = await ssoMember();
    expect((await client.send("POST", `${API}/session/refresh`)).status).toBe(200);
    const switched = await switchTo(client, "acme");
    expect(await switched.json()).toEqual({ status: "OK", active: { id: "acme", role: "member" } });
    expect(decodeFrontToken(switched.headers.get("front-token")!).up).toMatchObject({ tId: "acme" });
    // The record is the engine's, not the token's.
    expect(decodeFrontToken(switched.headers.get("front-token")!).up).not.toHaveProperty("gh-signin");

    await stores.organizations.updateOrganization("acme", { loginMethods: { firstFactors: ["thirdparty", "emailpassword"] } });
    expect(await (await switchTo((await passwordMember()).client, "acme")).json()).toMatchObject({ status: "OK" });
  });

  it("tells a member whose address is of no allowed domain so (403 EMAIL_DOMAIN_NOT_ALLOWED), and a stranger nothing", async () => {
    const { passwordMember, ctx } = await setUp({ allowedEmailDomains: ["acme.test"] });
    const { client } = await passwordMember();
    const refused = await switchTo(client, "acme");
    expect([refused.status, await refused.json()]).toEqual([403, { status: "EMAIL_DOMAIN_NOT_ALLOWED" }]);
    expect(refused.headers.get("front-token")).toBeNull();
    expect(await (await client.send("GET", `${API}/organizations`)).json()).toMatchObject({ status: "OK", active: null });
    // Not a member: the same answer as for an organization never made, whatever its rule.
    const stranger = createAuthClient(ctx);
    await stranger.send("POST", `${API}/signup`, { body: credentials(h.login("stranger"), PASSWORD) });
    for (const organizationId of ["acme", "never-made"]) {
      const answer = await switchTo(stranger, organizationId);
      expect([answer.status, await answer.json()]).toEqual([404, { status: "UNKNOWN_ORGANIZATION" }]);
    }
  });

  it("lets every session in, as before, where the organization does not narrow its sign-in methods", async () => {
    const { passwordMember, ctx } = await setUp({ allowedEmailDomains: ["example.com"] });
    expect(await (await switchTo((await passwordMember()).client, "acme")).json()).toMatchObject({ status: "OK" });
    // A session made before sign-in methods were recorded.
    const member = await passwordMember();
    const legacy = await createNewSession(ctx, { userId: member.id });
    const client = createAuthClient(ctx);
    client.jar.set("sAccessToken", { value: legacy.accessToken, path: "/" });
    expect(await (await switchTo(client, "acme")).json()).toMatchObject({ status: "OK" });
  });

  it("refuses a session that recorded no sign-in method into an organization that narrows them", async () => {
    const { ssoMember, ctx } = await setUp(SSO_ONLY);
    const member = await ssoMember();
    const legacy = await createNewSession(ctx, { userId: member.id });
    const client = createAuthClient(ctx);
    client.jar.set("sAccessToken", { value: legacy.accessToken, path: "/" });
    const refused = await switchTo(client, "acme");
    expect(refused.status).toBe(403);
    expect(await refused.json()).toEqual({ status: "TENANT_SIGN_IN_REQUIRED" });
  });

  it("asks for the organization's provider, and for its own client at it a sign-in under the organization", async () => {
    const { ssoMember, stores, ctx } = await setUp({ firstFactors: ["thirdparty"], thirdPartyProviders: ["oidc-test"] });
    expect((await switchTo((await ssoMember("oidc-twin")).client, "acme")).status).toBe(403);
    const viaApp = await ssoMember("oidc-test");
    expect((await switchTo(viaApp.client, "acme")).status).toBe(200);

    // The organization's own app at the provider (its IdP): the app's client does not prove it.
    const ownClient = { id: "oidc-test", clientId: OTHER_CLIENT_ID, clientSecret: OTHER_CLIENT_SECRET };
    await stores.organizations.updateOrganization("acme", { loginMethods: { firstFactors: ["thirdparty"], thirdPartyProviders: [ownClient] } });
    expect((await switchTo(viaApp.client, "public")).status).toBe(200);
    expect(await (await switchTo(viaApp.client, "acme")).json()).toEqual({ status: "TENANT_SIGN_IN_REQUIRED" });

    // Signed in under acme (its client): back to public and into acme again.
    await stores.organizations.updateOrganization("acme", {
      loginMethods: { firstFactors: ["thirdparty"], thirdPartyProviders: [ownClient], signUpOpen: true },
    });
    const client = createAuthClient(ctx);
    const underAcme = await signInUnderAcme(client, h.login("own"));
    expect(await underAcme.json()).toMatchObject({ status: "OK" });
    expect(decodeFrontToken(underAcme.headers.get("front-token")!).up).toMatchObject({ tId: "acme" });
    expect((await switchTo(client, "public")).status).toBe(200);
    expect(await (await switchTo(client, "acme")).json()).toMatchObject({ status: "OK", active: { id: "acme" } });
  });

  /** The FDI flow under /acme, as supertokens-web-js's multitenancy runs it. */
  async function signInUnderAcme(client: AuthClient, who: string) {
    const started = await client.send(
      "GET",
      `${API}/acme/authorisationurl?thirdPartyId=oidc-test&redirectURIOnProviderDashboard=${encodeURIComponent(REDIRECT)}`,
    );
    const { urlWithQueryParams, pkceCodeVerifier } = await started.json();
    const callback = await loginAtProvider(`${urlWithQueryParams}&state=client-state`, who);
    return client.send("POST", `${API}/acme/signinup`, {
      headers: { rid: "thirdparty" },
      body: {
        thirdPartyId: "oidc-test",
        redirectURIInfo: {
          redirectURIOnProviderDashboard: REDIRECT,
          redirectURIQueryParams: Object.fromEntries(callback.searchParams),
          pkceCodeVerifier,
        },
      },
    });
  }
});

describe("switching into an organization: its required second factors", () => {
  it("asks the switched session for the organization's factors before it reaches anything", async () => {
    const h = createMfaHarness({ mfa: {} });
    const signedUp = await h.signUp();
    const userId = decodeFrontToken(signedUp.headers.get("front-token")!).uid;
    expect(payloadOf(signedUp)["st-mfa"]).toMatchObject({ v: true });
    expect(await createOrganization(h.ctx, { userId, slug: "acme", name: "Acme" })).toMatchObject({ status: "OK" });
    await h.stores.organizations.updateOrganization("acme", { loginMethods: { requiredSecondaryFactors: ["totp"] } });

    const switched = await h.send("PUT", "/organizations/active", { organizationId: "acme" });
    expect(switched.status).toBe(200);
    expect(payloadOf(switched)).toMatchObject({ tId: "acme", "st-mfa": { v: false } });
    const blocked = await h.send("GET", "/organizations");
    expect(blocked.status).toBe(403);
    const info = await h.json("PUT", "/mfa/info");
    expect(info.body.factors.next).toEqual(["totp"]);
    // Setting up and verifying the factor completes it: the session reaches the API again.
    await h.setUpTotp();
    expect((await h.send("GET", "/organizations")).status).toBe(200);
  });
});

describe("switching into an organization: a session that ends meanwhile", () => {
  it("answers 401 unauthorised, as for a session revoked before the check, and writes no token", async () => {
    const stores = createMemoryStores();
    // The session passes its check, then is revoked (signed out elsewhere) before the switch reads it.
    const membershipRead = interleaveAt(stores.organizations, "getMembership");
    const { ctx } = createTestEngine({}, { stores, clock: realClock() });
    const client = createAuthClient(ctx);
    const owner = await (await client.send("POST", `${API}/signup`, { body: credentials("owner@example.com", PASSWORD) })).json();
    expect(await createOrganization(ctx, { userId: owner.user.id, slug: "acme", name: "Acme" })).toMatchObject({ status: "OK" });
    membershipRead.before(async () => {
      expect(await revokeAllSessionsForUser(ctx, owner.user.id)).toHaveLength(1);
    });
    const refused = await switchTo(client, "acme");
    expect(membershipRead.pending).toBe(false);
    expect(refused.status).toBe(401);
    expect(await refused.json()).toEqual({ message: "unauthorised" });
    expect(refused.headers.get("front-token")).toBeNull();
  });
});
