import type { EngineContext } from "../context";
import { sendSecurityNotice } from "../email/security-notice";

/** Emails the user that a factor was added or removed (after the answer; never fails the change). */
export async function noticeFactorChange(ctx: EngineContext, userId: string, change: "added" | "removed"): Promise<void> {
  const user = await ctx.stores.users.getUserById(userId);
  sendSecurityNotice(ctx, { userId, to: user?.email ?? null, event: change === "added" ? "MFA_FACTOR_ADDED" : "MFA_FACTOR_REMOVED" });
}
