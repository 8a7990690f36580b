/**
 * Third-party sign-in over the real route table against a real OpenID Provider on loopback:
 * the FDI flow as supertokens-web-js drives it, the built-in UI's cookie flow, a plain OAuth 2.0
 * provider, and the account rules. Rejections are in third-party-rejections.ts. Runs on memory
 * stores (third-party.test.ts) and on SQLite, PostgreSQL and MariaDB (third-party.db.test.ts).
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decodeFrontToken } from "../../auth/session/front-token";
import { readFlowState } from "../third-party-state-cookie";
import type { MakeEngine } from "./auth-flows";
import { createAuthClient } from "./client";
import { CALLBACK, useThirdPartyHarness } from "./third-party-harness";

export function describeThirdPartyFlows(name: string, makeEngine: MakeEngine): void {
  describe(name, () => {
    const h = useThirdPartyHarness(makeEngine);
    const { engine, fdiSignIn, builtInStart, finishBuiltIn, login, sessionCookies } = h;

    describe("FDI flow (supertokens-web-js)", () => {
      it("GET /authorisationurl: PKCE S256, a nonce derived from the verifier, no state of ours", async () => {
        const { client } = await engine();
        const response = await client.send(
          "GET",
          `/api/auth/authorisationurl?thirdPartyId=oidc-test&redirectURIOnProviderDashboard=${encodeURIComponent(CALLBACK)}`,
        );
        const body = await response.json();
        expect(body).toMatchObject({ status: "OK", pkceCodeVerifier: expect.stringMatching(/^[\w-]{43,128}$/) });
        const url = new URL(body.urlWithQueryParams);
        expect(`${url.origin}${url.pathname}`).toBe(`${h.op.issuer}/auth`);
        expect(Object.fromEntries(url.searchParams)).toMatchObject({
          client_id: h.op.clientId,
          redirect_uri: CALLBACK,
          response_type: "code",
          scope: "openid email profile",
          code_challenge_method: "S256",
        });
        expect(url.searchParams.get("nonce")).toBeTruthy();
        expect(url.searchParams.has("state")).toBe(false);
      });

      it("signs up a new user, then signs the same identity in to the same user", async () => {
        const { client, calls } = await engine();
        const who = login("fdi");
        const first = await fdiSignIn(client, who);
        const body = await first.json();
        expect(body).toMatchObject({
          status: "OK",
          createdNewRecipeUser: true,
          user: {
            emails: [who],
            thirdParty: [{ id: "oidc-test", userId: `sub-${who}` }],
            loginMethods: [{ recipeId: "thirdparty", verified: true }],
          },
        });
        expect(sessionCookies(first)).toHaveLength(1);
        expect(decodeFrontToken(first.headers.get("front-token")!).uid).toBe(body.user.id);
        expect(calls[0]).toEqual([
          body.user.id,
          {
            method: "thirdparty",
            thirdPartyId: "oidc-test",
            rawProfile: expect.objectContaining({ fromIdTokenPayload: expect.objectContaining({ sub: `sub-${who}` }) }),
          },
          "signup",
        ]);

        const second = await (await fdiSignIn(client, who)).json();
        expect(second).toMatchObject({ status: "OK", createdNewRecipeUser: false, user: { id: body.user.id } });
        expect(calls.at(-1)?.[2]).toBe("signin");
      });

      it("a plain OAuth 2.0 provider: explicit endpoints, the access token reads user-info, mapProfile decides", async () => {
        const { client } = await engine();
        const who = login("plain");
        const response = await fdiSignIn(client, who, "plain");
        expect(await response.json()).toMatchObject({
          status: "OK",
          createdNewRecipeUser: true,
          user: { emails: [who], thirdParty: [{ id: "plain", userId: `plain:sub-${who}` }] },
        });
        expect(sessionCookies(response)).toHaveLength(1);
      });
    });

    describe("built-in UI flow (sealed state cookie)", () => {
      it("start seals state, verifier, nonce and redirectToPath into an HttpOnly cookie; the callback signs in and clears it", async () => {
        const { client } = await engine();
        const who = login("builtin");
        const { start, callback } = await builtInStart(client, who);
        const cookie = start.headers.getSetCookie().find((c) => c.startsWith("sThirdPartyState="))!;
        expect(cookie).toMatch(/HttpOnly/);
        expect(cookie).toMatch(/SameSite=Lax/);
        const authorise = new URL(start.headers.get("location")!);
        // Nothing of the flow's secrets is readable in the cookie.
        const sealed = decodeURIComponent(cookie.split(";")[0]!);
        expect(sealed).not.toContain(authorise.searchParams.get("state")!);
        expect(sealed).not.toContain("dashboard");
        expect(callback.searchParams.get("state")).toBe(authorise.searchParams.get("state"));

        const done = await finishBuiltIn(client, Object.fromEntries(callback.searchParams));
        expect(await done.json()).toMatchObject({ status: "OK", createdNewRecipeUser: true, user: { emails: [who] } });
        expect(sessionCookies(done)).toHaveLength(1);
        expect(done.headers.getSetCookie().find((c) => c.startsWith("sThirdPartyState="))).toMatch(/^sThirdPartyState=;.*Expires=Thu, 01 Jan 1970/);
      });

      it.each(["/.//evil.example", "/a/..//evil.example", "https://evil.example"])(
        "start seals a redirectToPath of %j as /, never an off-site target",
        async (asked) => {
          const { client, ctx } = await engine();
          const start = await client.send("GET", `/api/auth/thirdparty/start?thirdPartyId=oidc-test&redirectToPath=${encodeURIComponent(asked)}`);
          expect(start.status).toBe(303);
          const cookie = start.headers.getSetCookie().find((c) => c.startsWith("sThirdPartyState="))!;
          expect((await readFlowState(ctx, cookie.split(";")[0]!))?.redirectToPath).toBe("/");
        },
      );

      it("a redirectToPath too long to seal into one cookie is dropped, not the sign-in", async () => {
        const { client, ctx } = await engine();
        // Within safeRedirectPath's length, but each backslash doubles in the sealed JSON.
        const asked = `/?${"\\".repeat(2000)}`;
        const start = await client.send("GET", `/api/auth/thirdparty/start?thirdPartyId=oidc-test&redirectToPath=${encodeURIComponent(asked)}`);
        expect(start.status).toBe(303);
        const cookie = start.headers.getSetCookie().find((c) => c.startsWith("sThirdPartyState="))!;
        // Browsers drop a cookie whose name and value pass 4096 bytes.
        expect(cookie.split(";")[0]!.length).toBeLessThanOrEqual(4096);
        const state = await readFlowState(ctx, cookie.split(";")[0]!);
        expect(state).toMatchObject({ thirdPartyId: "oidc-test", redirectToPath: null });
      });
    });

    describe("accounts", () => {
      it("a provider without an email: NO_EMAIL_GIVEN_BY_PROVIDER, nothing written", async () => {
        const { client, ctx } = await engine();
        const who = `noemail:${randomUUID().slice(0, 8)}`;
        const response = await fdiSignIn(client, who);
        expect(await response.json()).toEqual({ status: "NO_EMAIL_GIVEN_BY_PROVIDER" });
        expect(sessionCookies(response)).toEqual([]);
        expect(await ctx.stores.thirdParty.findAccount("oidc-test", `sub-${who}`)).toBeNull();
      });

      it("an unverified provider email is not linked to the existing account with that email", async () => {
        const { client, ctx } = await engine();
        const email = login("victim");
        const signup = await client.send("POST", "/api/auth/signup", {
          body: {
            formFields: [
              { id: "email", value: email },
              { id: "password", value: "fixture-pw-1" },
            ],
          },
        });
        const existing = (await signup.json()).user.id;
        const browser = createAuthClient(ctx);
        const response = await fdiSignIn(browser, `unverified:${email}`);
        expect(await response.json()).toMatchObject({ status: "SIGN_IN_UP_NOT_ALLOWED", reason: expect.stringContaining("not verified") });
        expect(sessionCookies(response)).toEqual([]);
        expect((await ctx.stores.thirdParty.getLoginMethods(existing))?.thirdPartyAccounts).toEqual([]);
        // Nor does a verified provider email capture an account whose own email is unverified.
        const verified = await fdiSignIn(browser, email);
        expect(await verified.json()).toMatchObject({ status: "SIGN_IN_UP_NOT_ALLOWED" });
        expect((await ctx.stores.thirdParty.getLoginMethods(existing))?.thirdPartyAccounts).toEqual([]);
      });

      it("links a second provider to a user whose email both providers verified", async () => {
        const { client } = await engine();
        const who = login("link");
        const first = await (await fdiSignIn(client, who)).json();
        const twin = await (await fdiSignIn(client, who, "oidc-twin")).json();
        expect(twin).toMatchObject({ status: "OK", createdNewRecipeUser: true, user: { id: first.user.id, isPrimaryUser: true } });
        expect(twin.user.thirdParty.map((t: { id: string }) => t.id)).toEqual(["oidc-test", "oidc-twin"]);
      });

      it("does not link when the second provider has not verified the email, even to a verified user", async () => {
        const { client, ctx } = await engine();
        const who = login("half");
        const first = await (await fdiSignIn(client, who)).json();
        const twin = await fdiSignIn(client, `unverified:${who}`, "oidc-twin");
        expect(await twin.json()).toMatchObject({ status: "SIGN_IN_UP_NOT_ALLOWED", reason: expect.stringContaining("provider has not verified") });
        expect(sessionCookies(twin)).toEqual([]);
        expect((await ctx.stores.thirdParty.getLoginMethods(first.user.id))?.thirdPartyAccounts.map((a) => a.thirdPartyId)).toEqual(["oidc-test"]);
      });
    });
  });
}
