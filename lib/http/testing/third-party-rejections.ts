/**
 * Every way a third-party sign-in must fail, against the real OpenID Provider: forged, missing
 * or replayed state, an invalid code, a provider error, tampered ID tokens (nonce, aud, iss,
 * exp; re-signed with the provider's real key so that only the claim is wrong), a provider
 * that is down. Each ends with a clear GENERAL_ERROR, no session and nothing written.
 */
import { describe, expect, it } from "vitest";
import { OTHER_CLIENT_ID } from "../../../scripts/test-oidc-provider.mjs";
import type { MakeEngine } from "./auth-flows";
import { createAuthClient, ORIGIN } from "./client";
import { closedPort, loginAtProvider } from "./oidc-browser";
import { CALLBACK, useThirdPartyHarness } from "./third-party-harness";

export function describeThirdPartyRejections(name: string, makeEngine: MakeEngine): void {
  describe(name, () => {
    const h = useThirdPartyHarness(makeEngine);
    const { engine, fdiSignIn, builtInStart, finishBuiltIn, login, sessionCookies, provider } = h;

    describe("the code and the provider's answer", () => {
      it("rejects an invalid code, and a provider error (the user cancelled), with GENERAL_ERROR and no session", async () => {
        const { client, ctx } = await engine();
        const started = await (
          await client.send("GET", `/api/auth/authorisationurl?thirdPartyId=oidc-test&redirectURIOnProviderDashboard=${encodeURIComponent(CALLBACK)}`)
        ).json();
        const invalid = await client.send("POST", "/api/auth/signinup", {
          body: {
            thirdPartyId: "oidc-test",
            redirectURIInfo: {
              redirectURIOnProviderDashboard: CALLBACK,
              redirectURIQueryParams: { code: "not-a-real-code", iss: h.op.issuer },
              pkceCodeVerifier: started.pkceCodeVerifier,
            },
          },
        });
        expect(await invalid.json()).toMatchObject({
          status: "GENERAL_ERROR",
          code: "CODE_REJECTED",
          message: expect.stringContaining("invalid_grant"),
        });
        expect(sessionCookies(invalid)).toEqual([]);

        const cancelled = await fdiSignIn(client, { cancel: true });
        expect(await cancelled.json()).toMatchObject({
          status: "GENERAL_ERROR",
          code: "AUTHORISATION_DENIED",
          message: expect.stringContaining("access_denied"),
        });
        expect(sessionCookies(cancelled)).toEqual([]);
        // Both are failed sign-ins in the audit log, with the failure's code and nothing more.
        const failed = (await ctx.stores.audit.listEvents({ limit: 50 })).filter(
          (e) => e.type === "auth.signin_failed" && e.detail.method === "thirdparty",
        );
        expect(failed.map((e) => e.detail.reason).sort()).toEqual(expect.arrayContaining(["AUTHORISATION_DENIED", "CODE_REJECTED"]));
      });

      it("rejects a verifier from another flow (PKCE and the derived nonce no longer match)", async () => {
        const { client } = await engine();
        const other = await (
          await client.send("GET", `/api/auth/authorisationurl?thirdPartyId=oidc-test&redirectURIOnProviderDashboard=${encodeURIComponent(CALLBACK)}`)
        ).json();
        const mine = await (
          await client.send("GET", `/api/auth/authorisationurl?thirdPartyId=oidc-test&redirectURIOnProviderDashboard=${encodeURIComponent(CALLBACK)}`)
        ).json();
        const callback = await loginAtProvider(mine.urlWithQueryParams, login("pkce"));
        const response = await client.send("POST", "/api/auth/signinup", {
          body: {
            thirdPartyId: "oidc-test",
            redirectURIInfo: {
              redirectURIOnProviderDashboard: CALLBACK,
              redirectURIQueryParams: Object.fromEntries(callback.searchParams),
              pkceCodeVerifier: other.pkceCodeVerifier,
            },
          },
        });
        expect(await response.json()).toMatchObject({ status: "GENERAL_ERROR", code: "CODE_REJECTED" });
      });
    });

    describe("ID-token validation (the provider's token, tampered with and re-signed with its real key)", () => {
      const now = () => Math.floor(Date.now() / 1000);
      const cases: [string, () => Record<string, unknown>, RegExp][] = [
        ["a wrong nonce", () => ({ nonce: "someone-elses-nonce" }), /nonce/],
        ["another audience", () => ({ aud: OTHER_CLIENT_ID }), /aud/],
        ["another issuer", () => ({ iss: "http://127.0.0.1:1/evil" }), /iss/],
        ["an expired token", () => ({ iat: now() - 7200, exp: now() - 3600 }), /timestamp|exp/],
      ];
      for (const [what, patch, mentions] of cases) {
        it(`refuses ${what}: GENERAL_ERROR, no session, no user`, async () => {
          const { client, ctx } = await engine();
          const who = login("tamper");
          h.op.tamperNextIdToken(patch());
          const response = await fdiSignIn(client, who);
          const body = await response.json();
          expect(body).toMatchObject({ status: "GENERAL_ERROR", code: "ID_TOKEN_INVALID" });
          expect(body.message).toMatch(mentions);
          expect(sessionCookies(response)).toEqual([]);
          expect(await ctx.stores.thirdParty.findAccount("oidc-test", `sub-${who}`)).toBeNull();
          expect(await ctx.stores.thirdParty.findUserByEmail(who)).toBeNull();
        });
      }

      // Finding 10 of issue 15: an ID token the client obtained itself carries no nonce issued by
      // this server, so nothing binds it to a sign-in started here (a token captured or handed
      // to another party is replayable until it expires). Refused unless the provider opts in.
      it("oAuthTokens: an ID token without a server-issued nonce is refused unless the provider opts in", async () => {
        const { client, ctx } = await engine();
        const who = login("no-nonce");
        const token = await h.op.issueIdToken({ aud: h.op.clientId, sub: `sub-${who}`, email: who, email_verified: true });
        const refused = await client.send("POST", "/api/auth/signinup", { body: { thirdPartyId: "oidc-test", oAuthTokens: { id_token: token } } });
        expect(refused.status).toBe(200);
        expect(await refused.json()).toMatchObject({ status: "GENERAL_ERROR", code: "NONCE_REQUIRED", message: expect.stringMatching(/nonce/) });
        expect(sessionCookies(refused)).toEqual([]);
        expect(await ctx.stores.thirdParty.findUserByEmail(who)).toBeNull();

        const optedIn = await engine({ thirdParty: { customProviders: [{ ...provider(), acceptIdTokenWithoutNonce: true }] } });
        const accepted = await optedIn.client.send("POST", "/api/auth/signinup", {
          body: { thirdPartyId: "oidc-test", oAuthTokens: { id_token: token } },
        });
        expect(await accepted.json()).toMatchObject({ status: "OK", user: { emails: [who] } });
      });

      it("oAuthTokens (opted in): accepts an ID token for this app, refuses one issued to another app, and a bare access token", async () => {
        const { client } = await engine({ thirdParty: { customProviders: [{ ...provider(), acceptIdTokenWithoutNonce: true }] } });
        const who = login("tokens");
        const mine = await h.op.issueIdToken({ aud: h.op.clientId, sub: `sub-${who}`, email: who, email_verified: true });
        const ok = await client.send("POST", "/api/auth/signinup", { body: { thirdPartyId: "oidc-test", oAuthTokens: { id_token: mine } } });
        expect(await ok.json()).toMatchObject({ status: "OK", user: { emails: [who] } });

        const theirs = await h.op.issueIdToken({ aud: OTHER_CLIENT_ID, sub: `sub-${who}`, email: who, email_verified: true });
        const substituted = await client.send("POST", "/api/auth/signinup", {
          body: { thirdPartyId: "oidc-test", oAuthTokens: { id_token: theirs } },
        });
        expect(await substituted.json()).toMatchObject({ status: "GENERAL_ERROR", code: "ID_TOKEN_INVALID", message: expect.stringMatching(/aud/) });
        const bare = await client.send("POST", "/api/auth/signinup", { body: { thirdPartyId: "oidc-test", oAuthTokens: { access_token: "abc" } } });
        expect(await bare.json()).toMatchObject({ status: "GENERAL_ERROR", code: "UNSUPPORTED" });
      });

      it("oAuthTokens (opted in): refuses another app's token that lists this client as one more audience (azp), as the code flow does", async () => {
        const { client, ctx } = await engine({ thirdParty: { customProviders: [{ ...provider(), acceptIdTokenWithoutNonce: true }] } });
        const who = login("azp");
        const claims = { sub: `sub-${who}`, email: who, email_verified: true };
        for (const extra of [{ azp: OTHER_CLIENT_ID }, {}]) {
          const theirs = await h.op.issueIdToken({ ...claims, aud: [OTHER_CLIENT_ID, h.op.clientId], ...extra });
          const response = await client.send("POST", "/api/auth/signinup", {
            body: { thirdPartyId: "oidc-test", oAuthTokens: { id_token: theirs } },
          });
          expect(await response.json(), JSON.stringify(extra)).toMatchObject({
            status: "GENERAL_ERROR",
            code: "ID_TOKEN_INVALID",
            message: expect.stringMatching(/azp/),
          });
          expect(sessionCookies(response)).toEqual([]);
        }
        expect(await ctx.stores.thirdParty.findUserByEmail(who)).toBeNull();
        // Issued to this app for itself and another audience: a sign-in.
        const mine = await h.op.issueIdToken({ ...claims, aud: [h.op.clientId, OTHER_CLIENT_ID], azp: h.op.clientId });
        const ok = await client.send("POST", "/api/auth/signinup", { body: { thirdPartyId: "oidc-test", oAuthTokens: { id_token: mine } } });
        expect(await ok.json()).toMatchObject({ status: "OK", user: { emails: [who] } });
      });
    });

    describe("built-in UI state", () => {
      it("refuses a forged state: no session, no user, state cleared", async () => {
        const { client, ctx } = await engine();
        const who = login("state");
        const { callback } = await builtInStart(client, who);
        callback.searchParams.set("state", "forged");
        const response = await finishBuiltIn(client, Object.fromEntries(callback.searchParams));
        expect(await response.json()).toMatchObject({ status: "GENERAL_ERROR", code: "STATE_MISMATCH" });
        expect(sessionCookies(response)).toEqual([]);
        expect(response.headers.getSetCookie().some((c) => c.startsWith("sThirdPartyState=;"))).toBe(true);
        expect(await ctx.stores.thirdParty.findUserByEmail(who)).toBeNull();
      });

      it("refuses a missing state: no session, no user, state cleared", async () => {
        const { client, ctx } = await engine();
        const who = login("nostate");
        const { callback } = await builtInStart(client, who);
        callback.searchParams.delete("state");
        const response = await finishBuiltIn(client, Object.fromEntries(callback.searchParams));
        expect(await response.json()).toMatchObject({ status: "GENERAL_ERROR", code: "STATE_MISMATCH" });
        expect(sessionCookies(response)).toEqual([]);
        expect(response.headers.getSetCookie().some((c) => c.startsWith("sThirdPartyState=;"))).toBe(true);
        expect(await ctx.stores.thirdParty.findUserByEmail(who)).toBeNull();
      });

      it("refuses a callback in a browser that did not start the sign-in (login CSRF) and a replayed callback", async () => {
        const { ctx, client } = await engine();
        const { start, callback } = await builtInStart(client, login("replay"));
        const params = Object.fromEntries(callback.searchParams);
        const otherBrowser = createAuthClient(ctx);
        expect(await (await finishBuiltIn(otherBrowser, params)).json()).toMatchObject({ status: "GENERAL_ERROR", code: "STATE_MISSING" });

        expect((await (await finishBuiltIn(client, params)).json()).status).toBe("OK");
        // Replayed in the same browser: the state was used up.
        const replay = await finishBuiltIn(client, params);
        expect(await replay.json()).toMatchObject({ status: "GENERAL_ERROR", code: "STATE_MISSING" });
        expect(sessionCookies(replay)).toEqual([]);
        // Replayed with a copy of the old cookie: the provider refuses the used code.
        const stolen = start.headers
          .getSetCookie()
          .find((c) => c.startsWith("sThirdPartyState="))!
          .split(";")[0]!;
        const withCopy = await otherBrowser.send("POST", "/api/auth/signinup", {
          headers: { cookie: stolen },
          cookies: false,
          body: { thirdPartyId: "oidc-test", redirectURIInfo: { redirectURIOnProviderDashboard: CALLBACK, redirectURIQueryParams: params } },
        });
        expect(await withCopy.json()).toMatchObject({ status: "GENERAL_ERROR", code: "CODE_REJECTED" });
        expect(sessionCookies(withCopy)).toEqual([]);
      });
    });

    describe("errors and edges", () => {
      it("a provider that is down: a clear GENERAL_ERROR from /authorisationurl, and the built-in start lands on the callback page with the error", async () => {
        const { client } = await engine({
          thirdParty: { customProviders: [provider("oidc-test", `http://127.0.0.1:${await closedPort()}`)], requestTimeoutSeconds: 2 },
        });
        const response = await client.send(
          "GET",
          `/api/auth/authorisationurl?thirdPartyId=oidc-test&redirectURIOnProviderDashboard=${encodeURIComponent(CALLBACK)}`,
        );
        expect(await response.json()).toMatchObject({
          status: "GENERAL_ERROR",
          code: "PROVIDER_UNREACHABLE",
          message: expect.stringContaining("could not be reached"),
        });
        const start = await client.send("GET", "/api/auth/thirdparty/start?thirdPartyId=oidc-test");
        const location = new URL(start.headers.get("location")!);
        expect(location.pathname).toBe("/auth/callback/oidc-test");
        expect(location.searchParams.get("error")).toBe("temporarily_unavailable");
        expect(start.headers.getSetCookie()).toEqual([]);
      });

      it("refuses a profile whose account id is empty, too long, holds a control character, is not Unicode or spells a missing value: PROFILE_INVALID, nothing written", async () => {
        // A deployer's mapProfile, or a provider's odd `sub`: no database may be asked to store it
        // (PostgreSQL cannot hold U+0000; the MySQL column is 191 characters).
        // A lone surrogate is stored as U+FFFD: the stored key never matches the id again (a 503 at the next sign-in).
        // String() of a missing value would make every such user one account.
        for (const id of ["", "s".repeat(192), "sub\u0000x", "sub\nx", "sub\ud800x", String(undefined), String(null), String({})]) {
          const { client, ctx } = await engine({
            thirdParty: { customProviders: [{ ...provider(), mapProfile: () => ({ id, email: login("odd"), emailVerified: true }) }] },
          });
          const signUps = async () => (await ctx.stores.audit.listEvents({ limit: 500 })).filter((e) => e.type === "auth.signup").length;
          const before = await signUps();
          const answer = await fdiSignIn(client, login("odd"));
          expect(await answer.json(), JSON.stringify(id.slice(0, 12))).toMatchObject({ status: "GENERAL_ERROR", code: "PROFILE_INVALID" });
          expect(sessionCookies(answer)).toEqual([]);
          // No user was made (a lookup by such an id would itself fail on PostgreSQL): no sign-up event, and the failure's.
          expect(await signUps()).toBe(before);
          const failed = (await ctx.stores.audit.listEvents({ limit: 50 })).filter((e) => e.type === "auth.signin_failed");
          expect(failed.map((e) => e.detail.reason)).toContain("PROFILE_INVALID");
        }
      });

      it("refuses unknown providers, cross-origin posts and malformed bodies", async () => {
        const { client } = await engine();
        expect((await client.send("GET", "/api/auth/authorisationurl?thirdPartyId=nope&redirectURIOnProviderDashboard=x")).status).toBe(400);
        const crossSite = await client.send("POST", "/api/auth/signinup", {
          headers: { origin: "https://evil.example" },
          body: { thirdPartyId: "oidc-test", oAuthTokens: { id_token: "x" } },
        });
        expect(crossSite.status).toBe(403);
        expect((await client.send("POST", "/api/auth/signinup", { body: { thirdPartyId: "oidc-test" } })).status).toBe(400);
        const withQuery = await client.send(
          "GET",
          `/api/auth/authorisationurl?thirdPartyId=oidc-test&redirectURIOnProviderDashboard=${encodeURIComponent(`${CALLBACK}?x=1`)}`,
        );
        expect(withQuery.status).toBe(400);
      });

      it("POST /callback/apple passes the form on to this app's page only", async () => {
        const { client } = await engine();
        const post = (state: string) =>
          client.send("POST", "/api/auth/callback/apple", {
            rawBody: new URLSearchParams({ code: "c1", state }).toString(),
            headers: { "content-type": "application/x-www-form-urlencoded", origin: "https://appleid.apple.com" },
          });
        const webJsState = (frontendRedirectURI: string) => Buffer.from(JSON.stringify({ state: "s", frontendRedirectURI })).toString("base64");
        const own = await post(webJsState(`${ORIGIN}/login/callback/apple`));
        expect(own.status).toBe(303);
        expect(own.headers.get("location")).toBe(
          `${ORIGIN}/login/callback/apple?code=c1&state=${encodeURIComponent(webJsState(`${ORIGIN}/login/callback/apple`))}`,
        );
        const evil = await post(webJsState("https://evil.example/steal"));
        expect(new URL(evil.headers.get("location")!).origin + new URL(evil.headers.get("location")!).pathname).toBe(`${ORIGIN}/auth/callback/apple`);
        const opaque = await post("opaque-state");
        expect(opaque.headers.get("location")).toBe(`${ORIGIN}/auth/callback/apple?code=c1&state=opaque-state`);
      });
    });
  });
}
