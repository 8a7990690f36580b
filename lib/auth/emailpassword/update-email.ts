import type { EngineContext } from "../context";
import { logAuthEvent } from "../log";
import { checkNewEmail, normaliseEmail } from "./credential-checks";
import { sendSecurityNotice } from "../email/security-notice";
import { revokeAccountLinks } from "../email-tokens/account-links";
import { isAddressDeliveredAsWritten } from "../organizations/email-domains";
import { MESSAGE } from "../wire-codes";

export type UpdateEmailResult =
  | { status: "OK" }
  | { status: "EMAIL_ALREADY_EXISTS_ERROR" }
  | { status: "UNKNOWN_USER_ID_ERROR" }
  | { status: "EMAIL_INVALID_ERROR"; message: string };

/**
 * Changes a user's email (server-side; there is no FDI endpoint for it). A new address is
 * unverified until its owner clicks a link sent to it, and every emailed link the user still
 * holds dies: verification tokens name the old address, reset and passkey recovery tokens the
 * old account email.
 */
export async function updateEmail(ctx: EngineContext, userId: string, email: string): Promise<UpdateEmailResult> {
  const invalid = checkNewEmail(ctx.config.emailPassword, email) ?? (isAddressDeliveredAsWritten(email) ? undefined : MESSAGE.EMAIL_INVALID);
  if (invalid) return { status: "EMAIL_INVALID_ERROR", message: invalid };
  const address = normaliseEmail(email);
  const user = await ctx.stores.users.getUserById(userId);
  if (!user) return { status: "UNKNOWN_USER_ID_ERROR" };
  if (user.email === address) return { status: "OK" };
  const result = await ctx.stores.users.updateEmail(userId, address);
  if (result.status !== "OK") return result;
  await ctx.stores.emailVerificationTokens.deleteTokensForUser(userId);
  await revokeAccountLinks(ctx, userId);
  // Neither address goes into the event: the audit log names users by id only.
  logAuthEvent(ctx, "email.changed", { userId });
  // To the address the account left: if someone else made the change, its owner hears of it.
  sendSecurityNotice(ctx, { userId, to: user.email, event: "EMAIL_CHANGED" });
  return result;
}
