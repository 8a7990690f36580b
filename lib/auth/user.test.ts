import { describe, expect, it } from "vitest";
import { toFdiUserWithLoginMethods } from "./thirdparty/fdi-user";
import { toFdiEmailPasswordUser } from "./user";

const row = { id: "u1", email: "ada@example.com", emailVerified: true, timeJoined: new Date(1_700_000_000_000) };

/**
 * supertokens-web-js's `User` has a top-level `webauthn: {credentialIds}` that is always there
 * (it fills in an empty list itself for older answers without `loginMethods`, and passes answers
 * with them through as they are), so an app may read `user.webauthn.credentialIds` of any user.
 */
describe("the FDI user object", () => {
  it("an email+password user has an empty webauthn.credentialIds", () => {
    expect(toFdiEmailPasswordUser(row).webauthn).toEqual({ credentialIds: [] });
  });

  it("a third-party user has an empty webauthn.credentialIds", () => {
    const user = toFdiUserWithLoginMethods({
      user: row,
      hasPassword: false,
      thirdPartyAccounts: [{ id: "a1", userId: "u1", thirdPartyId: "github", thirdPartyUserId: "42", email: "ada@example.com" }],
    });
    expect(user.webauthn).toEqual({ credentialIds: [] });
  });
});
