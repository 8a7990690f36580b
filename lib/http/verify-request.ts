import type { EngineContext } from "../auth/context";
import { getSession, type VerifiedSession } from "../auth/session/session";
import type { ClaimValidator } from "../auth/session/claim-validator";
import { validateClaims } from "../auth/session/validate-claims";
import { globalClaimValidators } from "../auth/emailverification/email-verification-claim";
import { hasAllPermissions, hasAllRoles } from "../auth/userroles/role-claims";
import { factorsCompletedWithin, globalMfaValidators, type FactorWithinSeconds } from "../auth/mfa/mfa-validators";
import { hasOrganizationRole } from "../auth/organizations/organization-claim";
import { passesCsrfCheck } from "./csrf";
import { answerInvalidClaim, answerTryRefreshToken, answerUnauthorised } from "./session-errors";
import { readAccessToken } from "./session-transport";

export interface VerifyRequestOptions {
  /**
   * Also check that the session row still exists (access-token blacklisting): one database
   * read per request, in exchange for revocation that takes effect at once rather than when
   * the access token expires.
   * @default false
   */
  checkDatabase?: boolean;
  /**
   * Requirements on session claims (verified email, roles, permissions). A failure answers
   * 403 `invalid claim`. With `checkDatabase` the values are read from the database now.
   * @default []
   */
  claims?: ClaimValidator[];
  /** Roles the session must all hold (the `st-role` claim); 403 otherwise. @default [] */
  roles?: string[];
  /** Permissions the session must all hold (the `st-perm` claim); 403 otherwise. @default [] */
  permissions?: string[];
  /**
   * Roles in the session's active organization of which the session must hold one (the
   * `gh-org` claim, docs/organizations.md), e.g. `["owner", "admin"]`; 403 otherwise, and for a
   * session whose active organization is none. @default [] (no requirement)
   */
  orgRoles?: string[];
  /**
   * Changes the validators every session check runs (a verified email in REQUIRED mode), as
   * SuperTokens' option of that name does: `() => []` for a route an unverified user must reach.
   * @default the global validators, unchanged
   */
  overrideGlobalClaimValidators?: (globalValidators: ClaimValidator[]) => ClaimValidator[];
  /**
   * Step-up for a sensitive action: each listed factor must have been completed in this session
   * within its number of seconds, else 403 `invalid claim` on `st-mfa` naming the factor, and
   * the browser completes it again (lib/auth/mfa/mfa-validators.ts).
   * @default {} (no step-up)
   * @example factorWithinSeconds: { totp: 300 }
   */
  factorWithinSeconds?: FactorWithinSeconds;
}

function validatorsFor(ctx: EngineContext, options: VerifyRequestOptions): ClaimValidator[] {
  // A session whose MFA requirements are not met reaches nothing but the factor endpoints.
  const globals = [...globalClaimValidators(ctx.config), ...globalMfaValidators(ctx.config)];
  return [
    ...(options.overrideGlobalClaimValidators ? options.overrideGlobalClaimValidators(globals) : globals),
    ...(options.claims ?? []),
    ...(options.roles?.length ? [hasAllRoles(options.roles)] : []),
    ...(options.permissions?.length ? [hasAllPermissions(options.permissions)] : []),
    ...(options.factorWithinSeconds && Object.keys(options.factorWithinSeconds).length
      ? [factorsCompletedWithin(options.factorWithinSeconds, ctx.now())]
      : []),
    ...(options.orgRoles?.length ? [hasOrganizationRole(options.orgRoles)] : []),
  ] as ClaimValidator[];
}

export type VerifyRequestResult = { ok: true; session: VerifiedSession } | { ok: false; response: Response };

/** Session verification for an API request, with FDI 401s and the CSRF check for mutations. */
export async function verifyRequestSession(ctx: EngineContext, request: Request, options: VerifyRequestOptions = {}): Promise<VerifyRequestResult> {
  const { token, fromCookie } = readAccessToken(request, ctx.config);
  const result = await getSession(ctx, { accessToken: token, checkDatabase: options.checkDatabase });
  if (result.status === "TRY_REFRESH_TOKEN_ERROR") return { ok: false, response: await answerTryRefreshToken(ctx, request) };
  if (result.status === "UNAUTHORISED") return { ok: false, response: await answerUnauthorised(ctx, request) };
  if (!passesCsrfCheck(ctx, request, { fromCookie, sessionHandle: result.session.sessionHandle })) {
    return { ok: false, response: await answerUnauthorised(ctx, request) };
  }
  const claimErrors = await validateClaims(ctx, result.session, validatorsFor(ctx, options), { fromDatabase: options.checkDatabase });
  if (claimErrors.length > 0) return { ok: false, response: await answerInvalidClaim(ctx, request, claimErrors) };
  return { ok: true, session: result.session };
}
