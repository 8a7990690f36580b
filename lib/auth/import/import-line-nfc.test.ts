import { describe, expect, it } from "vitest";
import { toImportRecord } from "./import-line";

describe("an imported address in Unicode NFC", () => {
  it("a user whose address the source kept decomposed is imported with it precomposed, its provider identity too", async () => {
    const nfd = "Jose\u0301@Bu\u0308cher.example";
    const line = {
      externalUserId: "u-1",
      loginMethods: [
        { recipeId: "emailpassword", email: nfd, isVerified: true, isPrimary: true, plainTextPassword: "fixture-pw-1" },
        { recipeId: "thirdparty", email: nfd, thirdPartyId: "google", thirdPartyUserId: "sub-1" },
      ],
    };
    const result = await toImportRecord(line, { source: "json", now: new Date(0) });
    expect(result).toMatchObject({
      status: "OK",
      record: { email: "jos\u00e9@b\u00fccher.example", thirdPartyAccounts: [{ email: "jos\u00e9@b\u00fccher.example" }] },
    });
  });
});
