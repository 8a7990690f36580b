import type { FdiUser } from "../user";
import type { LoginMethods } from "../ports/third-party-store";

/** Gatehouse has no tenants yet; the FDI expects the default tenant to be named. */
const DEFAULT_TENANT = "public";

/**
 * The FDI 4.x user with every way it can sign in. Gatehouse links accounts inside one user, so
 * each login method's `recipeUserId` is the user's own id, and the user is "primary" once it
 * has more than one method (SuperTokens' account-linking vocabulary).
 */
export function toFdiUserWithLoginMethods({ user, hasPassword, thirdPartyAccounts }: LoginMethods): FdiUser {
  const timeJoined = user.timeJoined.getTime();
  const methods: FdiUser["loginMethods"] = [];
  if (hasPassword) {
    methods.push({
      tenantIds: [DEFAULT_TENANT],
      timeJoined,
      recipeId: "emailpassword",
      recipeUserId: user.id,
      verified: user.emailVerified,
      ...(user.email ? { email: user.email } : {}),
    });
  }
  for (const account of thirdPartyAccounts) {
    methods.push({
      tenantIds: [DEFAULT_TENANT],
      timeJoined,
      recipeId: "thirdparty",
      recipeUserId: user.id,
      // The provider's address is verified for this user only if it is the user's verified email.
      verified: user.emailVerified && user.email === account.email,
      email: account.email,
      thirdParty: { id: account.thirdPartyId, userId: account.thirdPartyUserId },
    });
  }
  const emails = [...new Set([user.email, ...thirdPartyAccounts.map((a) => a.email)].filter((e): e is string => Boolean(e)))];
  return {
    id: user.id,
    timeJoined,
    isPrimaryUser: methods.length > 1,
    tenantIds: [DEFAULT_TENANT],
    emails,
    phoneNumbers: [],
    thirdParty: thirdPartyAccounts.map((a) => ({ id: a.thirdPartyId, userId: a.thirdPartyUserId })),
    webauthn: { credentialIds: [] },
    loginMethods: methods,
  };
}
