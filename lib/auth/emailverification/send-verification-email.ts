import type { EngineContext } from "../context";
import { issueEmailToken } from "../email-tokens/email-token";
import type { OutgoingEmail } from "../email/email-delivery";
import { composeEmail, deliverEmail, emailLink, logTemplateFailure } from "../email/send-email";
import { MESSAGE } from "../wire-codes";

export type SendEmailVerificationEmailResult =
  { status: "OK" } | { status: "EMAIL_ALREADY_VERIFIED_ERROR" } | { status: "GENERAL_ERROR"; message: string };

/**
 * Emails the user a verification link for their current address. A new link replaces any
 * earlier one. The send is awaited: the caller is the signed-in user, so a failure can be
 * reported (as GENERAL_ERROR, without the SMTP details) without revealing anything. The link is
 * bound to `tenantId` (absent: the public tenant), the tenant the request named.
 */
export async function sendEmailVerificationEmail(ctx: EngineContext, userId: string, tenantId?: string): Promise<SendEmailVerificationEmailResult> {
  const user = await ctx.stores.users.getUserById(userId);
  if (!user) return { status: "GENERAL_ERROR", message: MESSAGE.UNKNOWN_USER };
  if (user.emailVerified) return { status: "EMAIL_ALREADY_VERIFIED_ERROR" };
  const address = user.email ?? (await unprovenProviderEmail(ctx, userId));
  if (!address) return { status: "EMAIL_ALREADY_VERIFIED_ERROR" };
  const ttlSeconds = ctx.config.emailVerification.tokenTtlSeconds;
  const token = await issueEmailToken(ctx, ctx.stores.emailVerificationTokens, { userId, email: address, ttlSeconds, tenantId });
  // Deleted since the look-up above: answered as then.
  if (token === null) return { status: "GENERAL_ERROR", message: MESSAGE.UNKNOWN_USER };
  const link = emailLink(ctx, "verify-email", token, tenantId);
  let email: OutgoingEmail;
  try {
    email = await composeEmail(ctx, "EMAIL_VERIFICATION", { to: address, link, ttlSeconds });
  } catch (error) {
    // To the user an email that could not be sent, as when the mail server refuses it (a 500
    // told the client nothing it could act on).
    logTemplateFailure(ctx, "EMAIL_VERIFICATION", userId, error);
    return { status: "GENERAL_ERROR", message: MESSAGE.EMAIL_DELIVERY_FAILED };
  }
  return deliverEmail(ctx, email);
}

/**
 * A user whose provider did not verify its email has no address of its own yet: the link goes
 * to the address the provider gave, and clicking it claims that address.
 */
async function unprovenProviderEmail(ctx: EngineContext, userId: string): Promise<string | undefined> {
  const methods = await ctx.stores.thirdParty.getLoginMethods(userId);
  return methods?.thirdPartyAccounts[0]?.email;
}
