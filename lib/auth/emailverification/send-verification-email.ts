import type { EngineContext } from "../context";
import { issueEmailToken } from "../email-tokens/email-token";
import { composeEmail, deliverEmail, emailLink } from "../email/send-email";

export type SendEmailVerificationEmailResult =
  | { status: "OK" }
  | { status: "EMAIL_ALREADY_VERIFIED_ERROR" }
  | { status: "GENERAL_ERROR"; message: string };

/**
 * Emails the user a verification link for their current address. A new link replaces any
 * earlier one. The send is awaited: the caller is the signed-in user, so a failure can be
 * reported (as GENERAL_ERROR, without the SMTP details) without revealing anything.
 */
export async function sendEmailVerificationEmail(ctx: EngineContext, userId: string): Promise<SendEmailVerificationEmailResult> {
  const user = await ctx.stores.users.getUserById(userId);
  if (!user) return { status: "GENERAL_ERROR", message: "Unknown user" };
  if (user.emailVerified || !user.email) return { status: "EMAIL_ALREADY_VERIFIED_ERROR" };
  const ttlSeconds = ctx.config.emailVerification.tokenTtlSeconds;
  const token = await issueEmailToken(ctx, ctx.stores.emailVerificationTokens, { userId, email: user.email, ttlSeconds });
  const email = await composeEmail(ctx, "EMAIL_VERIFICATION", { to: user.email, link: emailLink(ctx, "verify-email", token), ttlSeconds });
  return deliverEmail(ctx, email);
}
