import type { EngineContext } from "../context";
import type { IssuedTokens, VerifiedSession } from "../session/session";
import { resyncMfaClaim } from "./complete-factor";
import { SECONDARY_FACTOR_IDS } from "./factor-ids";
import { completedFactorsOf, mfaStateFor } from "./mfa-claim";
import { mayChangeFactors } from "./may-change-factors";
import { tenantOfPayload } from "../organizations/tenants";

/** Factors that can be set up in Gatehouse today (the others come with their recipes). */
const SET_UP_HERE: readonly string[] = SECONDARY_FACTOR_IDS.filter((id) => id === "totp");

export type MfaInfoResult =
  | {
      status: "OK";
      factors: { alreadySetup: string[]; allowedToSetup: string[]; next: string[] };
      emails: Record<string, string[]>;
      phoneNumbers: Record<string, string[]>;
      tokens: IssuedTokens;
    }
  | { status: "UNKNOWN_SESSION_ERROR" };

/**
 * PUT /mfa/info: where the session stands, and its `st-mfa` claim worked out again (fresh tokens),
 * so that a requirement changed since sign-in shows at once.
 */
export async function getMfaInfo(ctx: EngineContext, session: VerifiedSession): Promise<MfaInfoResult> {
  const resynced = await resyncMfaClaim(ctx, session);
  if (resynced.status !== "OK") return resynced;
  const claims = resynced.tokens.accessTokenClaims;
  const state = await mfaStateFor(ctx, session.userId, completedFactorsOf(claims), tenantOfPayload(claims));
  const fresh = { ...session, accessTokenPayload: resynced.tokens.accessTokenClaims };
  const allowedToSetup = (await mayChangeFactors(ctx, fresh, "setup")) ? SET_UP_HERE.filter((id) => !state.setUp.includes(id)) : [];
  const user = await ctx.stores.users.getUserById(session.userId);
  const account = await ctx.stores.passwordless.getAccountByUserId(session.userId);
  const emails: Record<string, string[]> = user?.email ? { "otp-email": [user.email], "link-email": [user.email] } : {};
  const phoneNumbers: Record<string, string[]> = account?.phoneNumber
    ? { "otp-phone": [account.phoneNumber], "link-phone": [account.phoneNumber] }
    : {};
  return {
    status: "OK",
    factors: { alreadySetup: state.setUp, allowedToSetup, next: state.next },
    emails,
    phoneNumbers,
    tokens: resynced.tokens,
  };
}
