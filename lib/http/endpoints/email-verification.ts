import { z } from "zod";
import type { EngineContext } from "../../auth/context";
import { MAX_EMAIL_TOKEN_LENGTH } from "../../auth/email-tokens/email-token";
import { refreshEmailVerificationClaim } from "../../auth/emailverification/refresh-claim";
import { sendEmailVerificationEmail } from "../../auth/emailverification/send-verification-email";
import { verifyEmailUsingToken } from "../../auth/emailverification/verify-email";
import { getSession, type VerifiedSession } from "../../auth/session/session";
import { isSameOrigin } from "../csrf";
import { parseBody } from "../parse";
import { limitGlobally } from "../../auth/limits/global-budget";
import { limitAttempt } from "../../auth/limits/rate-limit";
import { crossOriginRefused, json, resultResponse } from "../respond";
import { attachTokens, readAccessToken } from "../session-transport";
import { verifyRequestSession } from "../verify-request";
import { requestTenant, sessionOutsideTenant } from "../tenant";

/** Logged once per window when `emailVerification.sendLimitGlobal` is spent. */
const VERIFICATION_BUDGET_SPENT = {
  event: "email_verification.send_budget_spent",
  message:
    "verification emails are held back until the window ends (emailVerification.sendLimitGlobal): a flood of sign-ups, or a budget below the app's sign-ups",
};

/** These endpoints are how an unverified user gets verified: the REQUIRED check must not apply. */
const UNVERIFIED_ALLOWED = { overrideGlobalClaimValidators: () => [] };

/** Answers `body`, with a re-minted access token when the session's `st-ev` claim was stale. */
async function withFreshClaim(ctx: EngineContext, request: Request, session: VerifiedSession, body: (isVerified: boolean) => unknown) {
  const { isVerified, tokens } = await refreshEmailVerificationClaim(ctx, session);
  const response = json(body(isVerified));
  if (tokens) attachTokens(response.headers, ctx.config, tokens, request, ctx.now());
  return response;
}

/** The session of a request under the tenant it names (verifyRequestSession, then sessionOutsideTenant). */
async function tenantSession(ctx: EngineContext, request: Request, params: Record<string, string>) {
  const tenant = await requestTenant(ctx, params);
  if (!tenant.ok) return tenant;
  const verified = await verifyRequestSession(ctx, request, UNVERIFIED_ALLOWED);
  if (!verified.ok) return verified;
  const outside = await sessionOutsideTenant(ctx, request, tenant.tenant, verified.session);
  return outside ? { ok: false as const, response: outside } : { ok: true as const, tenantId: tenant.tenant.id, session: verified.session };
}

/**
 * POST [/<tenantId>]/user/email/verify/token (session) → `OK` (email sent) / `EMAIL_ALREADY_VERIFIED_ERROR`;
 * rate-limited per user and over all users (`sendLimitGlobal`). The link is bound to the tenant named (none: the public tenant, which
 * is where supertokens-web-js asks, whatever the session's tenant).
 */
export async function handleEmailVerifyToken(ctx: EngineContext, request: Request, params: Record<string, string>): Promise<Response> {
  const verified = await tenantSession(ctx, request, params);
  if (!verified.ok) return verified.response;
  const { userId } = verified.session;
  const limited =
    (await limitAttempt(ctx, "email-verification-email", ctx.config.emailVerification.sendLimit, userId)) ??
    (await limitGlobally(ctx, "email-verification-global", ctx.config.emailVerification.sendLimitGlobal, VERIFICATION_BUDGET_SPENT));
  if (limited) return resultResponse(limited);
  const result = await sendEmailVerificationEmail(ctx, userId, verified.tenantId);
  // Verified elsewhere meanwhile: bring this session's claim up to date, as SuperTokens does.
  if (result.status === "EMAIL_ALREADY_VERIFIED_ERROR") return withFreshClaim(ctx, request, verified.session, () => result);
  return json(result);
}

const verifyBody = z.object({ method: z.literal("token"), token: z.string().max(MAX_EMAIL_TOKEN_LENGTH) });

/**
 * POST [/<tenantId>]/user/email/verify `{method:"token", token}` → `OK` / `EMAIL_VERIFICATION_INVALID_TOKEN_ERROR`.
 * No session needed (the link may be opened anywhere); when the request carries the same
 * user's session, its access token is re-minted with `st-ev` true on this answer. A token
 * issued under another tenant is an invalid token here.
 */
export async function handleVerifyEmail(ctx: EngineContext, request: Request, params: Record<string, string>): Promise<Response> {
  const tenant = await requestTenant(ctx, params);
  if (!tenant.ok) return tenant.response;
  if (!isSameOrigin(ctx, request)) return crossOriginRefused();
  const parsed = await parseBody(request, verifyBody);
  if (!parsed.ok) return parsed.response;
  const result = await verifyEmailUsingToken(ctx, parsed.value.token, tenant.tenant.id);
  if (result.status !== "OK") return json(result);
  const current = await getSession(ctx, { accessToken: readAccessToken(request, ctx.config).token });
  if (current.status === "OK" && current.session.userId === result.user.id) {
    return withFreshClaim(ctx, request, current.session, () => ({ status: "OK" }));
  }
  return json({ status: "OK" });
}

/** GET [/<tenantId>]/user/email/verify (session) → `{status:"OK", isVerified}` from the database, refreshing the claim. */
export async function handleIsEmailVerified(ctx: EngineContext, request: Request, params: Record<string, string>): Promise<Response> {
  const verified = await tenantSession(ctx, request, params);
  if (!verified.ok) return verified.response;
  return withFreshClaim(ctx, request, verified.session, (isVerified) => ({ status: "OK", isVerified }));
}
