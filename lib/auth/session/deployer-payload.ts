/**
 * Claim names the engine owns. A deployer payload may not set them: `sub` or `sessionHandle`
 * from a hook would let the payload impersonate another session, and `exp`/`iat`/`iss`/`aud`
 * would change how the token is checked.
 */
export const PROTECTED_CLAIMS = new Set([
  "sub",
  "iss",
  "aud",
  "exp",
  "nbf",
  "iat",
  "jti",
  "sessionHandle",
  "tId",
  "gh-org",
  "rsub",
  "antiCsrfToken",
  "refreshTokenHash1",
  "parentRefreshTokenHash1",
  // The built-in claims (roles, permissions, email verification), whether or not this
  // configuration puts them in sessions: with userRoles.addRolesToSession off, a payload's
  // `st-role` would be the only one in the token, and read as the session's roles.
  "st-role",
  "st-perm",
  "st-ev",
  // The completed factors (lib/auth/mfa/mfa-claim.ts): a payload setting it would skip MFA.
  "st-mfa",
  // How the session was signed in (lib/auth/organizations/sign-in-record.ts): a payload setting it
  // would pass a switch into an organization that allows only its single sign-on.
  "gh-signin",
  // Which organization of its slug a session switched into (lib/auth/organizations/tenant-entry.ts):
  // a payload setting it could keep a session inside a deleted organization's successor.
  "gh-tenant",
]);

/**
 * The built-in claims' keys. The engine works them out at every issue and never keeps them in a
 * session row, yet a row may hold them in its payload: releases before they were protected let
 * setJwtPayload set them while the claims were switched off. Dropped from the row's payload when
 * a token is minted from it, so that such a row's values are not read as the user's roles.
 */
const BUILT_IN_CLAIMS = ["st-role", "st-perm", "st-ev"];

export function withoutBuiltInClaims(payload: Record<string, unknown>): Record<string, unknown> {
  if (!BUILT_IN_CLAIMS.some((key) => key in payload)) return payload;
  return Object.fromEntries(Object.entries(payload).filter(([key]) => !BUILT_IN_CLAIMS.includes(key)));
}

export function findProtectedClaims(payload: Record<string, unknown>): string[] {
  return Object.keys(payload).filter((key) => PROTECTED_CLAIMS.has(key));
}

/**
 * Applies a patch where `null` deletes a key (SuperTokens' mergeIntoAccessTokenPayload rule).
 */
export function mergePayload(current: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const next: Record<string, unknown> = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete next[key];
    else next[key] = value;
  }
  return next;
}
