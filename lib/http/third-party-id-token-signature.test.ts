/**
 * The code flow's ID token must carry the provider's own signature (docs/third-party.md: "ID-token
 * validation of signature (the provider's JWKS)"). openid-client checks only its claims unless
 * non-repudiation checks are on, trusting the TLS connection to the token endpoint; a token
 * whose claims are all right but whose signature is a stranger's, or an HMAC under the client
 * secret, must still be refused: ID_TOKEN_INVALID, no session, nothing written.
 */
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
});
