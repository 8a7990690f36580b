/**
 * Third-party sign-in under an organization's tenant, against the real test OpenID Provider:
 * only the tenant's providers, the tenant's own client at the provider (authorisation URL and
 * code exchange), its membership rules, and `tId` in the session.
 */
import { describe, expect, it } from "vitest";
import { OTHER_CLIENT_ID, OTHER_CLIENT_SECRET, TEST_CLIENT_ID } from "../../scripts/test-oidc-provider.mjs";
import { createOrganization } from "../auth/organizations/organizations";
import { setTenantLoginMethods } from "../auth/organizations/tenant-admin";
import type { TenantLoginMethods } from "../auth/ports/organization-store";
import { decodeFrontToken } from "../auth/session/front-token";
import { createTestEngine } from "../auth/testing/test-engine";
import { credentials, ORIGIN } from "./testing/client";
import { realClock, useThirdPartyHarness, type AuthClient } from "./testing/third-party-harness";
import { loginAtProvider } from "./testing/oidc-browser";

const API = "/api/auth";
const REDIRECT = `${ORIGIN}/auth/callback/oidc-test`;

describe("third-party sign-in under an organization's tenant", () => {
  const h = useThirdPartyHarness(async (config) => createTestEngine(config, { clock: realClock() }));

  async function setUp(loginMethods: TenantLoginMethods) {
    const made = await h.engine();
    const owner = await (await made.client.send("POST", `${API}/signup`, { body: credentials("owner@acme.test", "fixture-pw-1") })).json();
    expect(await createOrganization(made.ctx, { userId: owner.user.id, slug: "acme", name: "Acme" })).toMatchObject({ status: "OK" });
    expect(await setTenantLoginMethods(made.ctx, { organizationId: "acme", loginMethods })).toEqual({ status: "OK" });
    return made;
  }

  const authorisationUrl = (client: AuthClient, prefix: string, thirdPartyId = "oidc-test") =>
    client.send(
      "GET",
      `${API}${prefix}/authorisationurl?thirdPartyId=${thirdPartyId}&redirectURIOnProviderDashboard=${encodeURIComponent(REDIRECT)}`,
    );

  /** The FDI flow as supertokens-web-js runs it, started under `start` and finished under `finish`. */
  async function signIn(client: AuthClient, who: string, start: string, finish = start) {
    const { urlWithQueryParams, pkceCodeVerifier } = await (await authorisationUrl(client, start)).json();
    const callback = await loginAtProvider(`${urlWithQueryParams}&state=client-state`, who);
    return client.send("POST", `${API}${finish}/signinup`, {
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

  const ownClient = { id: "oidc-test", clientId: OTHER_CLIENT_ID, clientSecret: OTHER_CLIENT_SECRET };

  it("uses the tenant's own client for the authorisation URL and the code exchange, and offers only its providers", async () => {
    const { client, stores } = await setUp({ signUpOpen: true, thirdPartyProviders: [ownClient] });
    const clientIdOf = async (prefix: string) =>
      new URL((await (await authorisationUrl(client, prefix)).json()).urlWithQueryParams).searchParams.get("client_id");
    expect(await clientIdOf("/acme")).toBe(OTHER_CLIENT_ID);
    expect(await clientIdOf("")).toBe(TEST_CLIENT_ID);
    expect((await authorisationUrl(client, "/acme", "oidc-twin")).status).toBe(400);
    expect((await authorisationUrl(client, "", "oidc-twin")).status).toBe(200);

    const who = h.login("ada");
    const response = await signIn(client, who, "/acme");
    const body = await response.json();
    expect(body).toMatchObject({ status: "OK", createdNewRecipeUser: true });
    expect(decodeFrontToken(response.headers.get("front-token")!).up.tId).toBe("acme");
    expect(await stores.organizations.getMembership("acme", body.user.id)).toMatchObject({ role: "member" });

    // Attack: a code issued to the tenant's client, redeemed under the public tenant (the app's client).
    const crossed = await signIn(client, h.login("eve"), "/acme", "");
    expect((await crossed.json()).status).not.toBe("OK");
  });

  it("keeps the tenant's client secret sealed at rest: a copy on another tenant's row does not open, a row from before sealing still works", async () => {
    const { client, ctx, stores } = await setUp({ signUpOpen: true, thirdPartyProviders: [ownClient] });
    const stored = (await stores.organizations.getOrganization("acme"))!.loginMethods!;
    expect(JSON.stringify(stored)).not.toContain(OTHER_CLIENT_SECRET);

    // Attack: the sealed entry copied onto another organization's row (a database write, no admin API).
    const owner = (await stores.organizations.listMembers("acme"))[0]!;
    expect(await createOrganization(ctx, { userId: owner.userId, slug: "beta", name: "Beta" })).toMatchObject({ status: "OK" });
    await stores.organizations.updateOrganization("beta", { loginMethods: stored });
    const refused = await authorisationUrl(client, "/beta");
    expect(await refused.json()).toMatchObject({ status: "GENERAL_ERROR", code: "CLIENT_SECRET_UNREADABLE" });
    const who = h.login("copied");
    await expect(signIn(client, who, "/beta")).rejects.toThrow();
    expect(await stores.thirdParty.findUserByEmail(who)).toBeNull();

    // A row written before sealing existed: its plain secret is used as it is.
    await stores.organizations.updateOrganization("acme", { loginMethods: { signUpOpen: true, thirdPartyProviders: [ownClient] } });
    expect(await (await signIn(client, h.login("legacy"), "/acme")).json()).toMatchObject({ status: "OK" });
  });

  it("refuses a stranger where sign-up is closed, making no user, and signs a member in", async () => {
    const { client, ctx, stores } = await setUp({ thirdPartyProviders: ["oidc-test"] });
    const stranger = h.login("stranger");
    expect(await (await signIn(client, stranger, "/acme")).json()).toMatchObject({ status: "SIGN_IN_UP_NOT_ALLOWED" });
    expect(await stores.thirdParty.findUserByEmail(stranger)).toBeNull();

    const member = h.login("member");
    const first = await (await signIn(client, member, "")).json();
    expect(first).toMatchObject({ status: "OK" });
    await stores.organizations.addMember({ organizationId: "acme", userId: first.user.id, role: "member", joinedAt: ctx.now() });
    const response = await signIn(client, member, "/acme");
    expect(await response.json()).toMatchObject({ status: "OK", user: { id: first.user.id } });
    expect(decodeFrontToken(response.headers.get("front-token")!).up.tId).toBe("acme");

    await stores.organizations.updateOrganization("acme", { loginMethods: { firstFactors: ["emailpassword"] } });
    expect((await authorisationUrl(client, "/acme")).status).toBe(404);
  });

  it("under a domain rule, a provider's verified address of the domain joins at once; its unverified one does not", async () => {
    const { client, stores } = await setUp({ signUpOpen: true, allowedEmailDomains: ["example.com"], thirdPartyProviders: ["oidc-test"] });
    const verified = h.login("newcomer");
    const response = await signIn(client, verified, "/acme");
    const body = await response.json();
    expect(body).toMatchObject({ status: "OK", createdNewRecipeUser: true });
    expect(decodeFrontToken(response.headers.get("front-token")!).up.tId).toBe("acme");
    expect(await stores.organizations.getMembership("acme", body.user.id)).toMatchObject({ role: "member" });

    const unverified = `unverified:${h.login("claimer")}`;
    expect(await (await signIn(client, unverified, "/acme")).json()).toMatchObject({ status: "SIGN_IN_UP_NOT_ALLOWED" });
    expect((await stores.organizations.listMembers("acme")).map((m) => m.role).sort()).toEqual(["member", "owner"]);
  });
});
