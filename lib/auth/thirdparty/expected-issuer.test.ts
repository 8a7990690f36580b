/** The issuer an oAuthTokens ID token must name, for Entra ID's `{tenantid}` metadata too. */
import { describe, expect, it } from "vitest";
import { expectedIssuer } from "./oauth-client";

const ENTRA = "https://login.microsoftonline.com/{tenantid}/v2.0";
/** An unsigned token whose payload is `payload` as written (the signature is checked later). */
const tokenWith = (payload: string) => `${Buffer.from('{"alg":"RS256"}').toString("base64url")}.${Buffer.from(payload).toString("base64url")}.sig`;

describe("expectedIssuer", () => {
  it("is the discovered issuer, with Entra ID's placeholder filled from the token's tid", () => {
    expect(expectedIssuer("https://accounts.example.com", tokenWith('{"tid":"x"}'))).toBe("https://accounts.example.com");
    expect(expectedIssuer(ENTRA, tokenWith('{"tid":"9188040d-6c67-4c5b-b112-36a304b66dad"}'))).toBe(
      "https://login.microsoftonline.com/9188040d-6c67-4c5b-b112-36a304b66dad/v2.0",
    );
  });

  it("keeps the placeholder, which no token's iss matches, for a payload that is null, not JSON, or has no tid string", () => {
    for (const payload of ["null", "[]", '"tid"', "not json", '{"tid":42}', '{"tid":""}', "{}"]) {
      expect(expectedIssuer(ENTRA, tokenWith(payload)), payload).toBe(ENTRA);
    }
    expect(expectedIssuer(ENTRA, "no-dots-at-all")).toBe(ENTRA);
  });
});
