import type { UserRow } from "./ports";
import { PUBLIC_TENANT_ID } from "./organizations/organization-names";

/**
 * The user object of SuperTokens' Frontend Driver Interface 4.x, which `supertokens-web-js`
 * reads after sign-in and sign-up. Times are milliseconds since the epoch.
 */
export interface FdiUser {
  id: string;
  timeJoined: number;
  isPrimaryUser: boolean;
  tenantIds: string[];
  emails: string[];
  phoneNumbers: string[];
  thirdParty: { id: string; userId: string }[];
  /** The user's passkeys (credential ids); always there, empty without one, as supertokens-web-js's `User` has it. */
  webauthn: { credentialIds: string[] };
  loginMethods: {
    tenantIds: string[];
    timeJoined: number;
    recipeId: "emailpassword" | "thirdparty" | "passwordless" | "webauthn";
    recipeUserId: string;
    verified: boolean;
    email?: string;
    phoneNumber?: string;
    thirdParty?: { id: string; userId: string };
    /** The user's passkeys (credential ids), on the `webauthn` login method. */
    webauthn?: { credentialIds: string[] };
  }[];
}

/**
 * Every user is in the public tenant: organizations' tenants share the one user pool and have
 * members, not users of their own (docs/organizations.md), so a login method names only it.
 */
const DEFAULT_TENANT = PUBLIC_TENANT_ID;

export function toFdiEmailPasswordUser(user: UserRow): FdiUser {
  const timeJoined = user.timeJoined.getTime();
  const emails = user.email ? [user.email] : [];
  return {
    id: user.id,
    timeJoined,
    isPrimaryUser: false,
    tenantIds: [DEFAULT_TENANT],
    emails,
    phoneNumbers: [],
    thirdParty: [],
    webauthn: { credentialIds: [] },
    loginMethods: [
      {
        tenantIds: [DEFAULT_TENANT],
        timeJoined,
        recipeId: "emailpassword",
        recipeUserId: user.id,
        verified: user.emailVerified,
        ...(user.email ? { email: user.email } : {}),
      },
    ],
  };
}
