/**
 * The code flow's ID token must carry the provider's own signature (docs/third-party.md: "ID-token
 * validation of signature (the provider's JWKS)"). openid-client checks only its claims unless
 * non-repudiation checks are on, trusting the TLS connection to the token endpoint; a token
 * whose claims are all right but whose signature is a stranger's, or an HMAC under the client
 * secret, must still be refused: ID_TOKEN_INVALID, no session, nothing written. The oAuthTokens
 * path (its own check, with jose) is held to the same.
 */
import { generateKeyPair, SignJWT } from "jose";
import { describe, expect, it } from "vitest";
import { createTestEngine } from "../auth/testing/test-engine";
import { realClock, useThirdPartyHarness } from "./testing/third-party-harness";

const makeEngine = async (config: Parameters<typeof createTestEngine>[0]) => createTestEngine(config, { clock: realClock() });

describe("third-party sign-in: the ID token's signature (real OpenID Provider)", () => {
  const h = useThirdPartyHarness(makeEngine);

  it("signs in with the provider's own signature (the control)", async () => {
    const { client } = await h.engine();
    h.op.tamperNextIdToken({}, "provider");
    const body = await (await h.fdiSignIn(client, h.login("signed"))).json();
    expect(body.status).toBe("OK");
  });

  for (const [what, signing] of [
    ["a key that is not the provider's (under its kid)", "forged"],
    ["HS256 under the client secret (algorithm confusion)", "client-secret"],
  ] as const) {
    for (const flow of ["FDI", "built-in UI"] as const) {
      it(`${flow}: refuses an ID token signed with ${what}: ID_TOKEN_INVALID, no session, no user`, async () => {
        const { client, ctx } = await h.engine();
        const who = h.login("forged");
        h.op.tamperNextIdToken({}, signing);
        let response: Response;
        if (flow === "FDI") response = await h.fdiSignIn(client, who);
        else {
          const { callback } = await h.builtInStart(client, who);
          response = await h.finishBuiltIn(client, Object.fromEntries(callback.searchParams));
        }
        expect(await response.json()).toMatchObject({ status: "GENERAL_ERROR", code: "ID_TOKEN_INVALID" });
        expect(h.sessionCookies(response)).toEqual([]);
        expect(await ctx.stores.thirdParty.findAccount("oidc-test", `sub-${who}`)).toBeNull();
        expect(await ctx.stores.thirdParty.findUserByEmail(who)).toBeNull();
      });
    }
  }

  it("oAuthTokens (opted in): refuses the same forgeries", async () => {
    const { client, ctx } = await h.engine({
      thirdParty: { customProviders: [{ ...h.provider(), acceptIdTokenWithoutNonce: true }] },
    });
    const who = h.login("forged-tokens");
    const now = Math.floor(Date.now() / 1000);
    const claims = { iss: h.op.issuer, aud: h.op.clientId, sub: `sub-${who}`, email: who, email_verified: true, iat: now, exp: now + 600 };
    const { privateKey: strangers } = await generateKeyPair("RS256");
    const forged = [
      await new SignJWT(claims).setProtectedHeader({ alg: "RS256", kid: "test-key-1" }).sign(strangers),
      await new SignJWT(claims).setProtectedHeader({ alg: "HS256" }).sign(new TextEncoder().encode(h.op.clientSecret)),
    ];
    for (const idToken of forged) {
      const response = await client.send("POST", "/api/auth/signinup", { body: { thirdPartyId: "oidc-test", oAuthTokens: { id_token: idToken } } });
      expect(await response.json()).toMatchObject({ status: "GENERAL_ERROR", code: "ID_TOKEN_INVALID" });
      expect(h.sessionCookies(response)).toEqual([]);
    }
    expect(await ctx.stores.thirdParty.findUserByEmail(who)).toBeNull();
    // The control: the provider's own signature on the same claims signs in.
    const genuine = await h.op.issueIdToken(claims);
    const signedIn = await client.send("POST", "/api/auth/signinup", { body: { thirdPartyId: "oidc-test", oAuthTokens: { id_token: genuine } } });
    expect((await signedIn.json()).status).toBe("OK");
  });
});
