import { randomUUID } from "node:crypto";
import type { EngineContext } from "../context";
import { issueEmailToken } from "../email-tokens/email-token";
import { checkExistingEmail, normaliseEmail } from "../emailpassword/credential-checks";
import type { FieldError } from "../emailpassword/sign-up-fields";
import { composeEmail, deliverEmail, emailLink, logTemplateFailure } from "../email/send-email";
import { mayEnterTenant, type Tenant } from "../organizations/tenants";

export type SendPasswordResetEmailResult =
  /** `delivery` settles when the email was sent or given up on; the answer never waits for it. */
  { status: "OK"; delivery: Promise<void> } | { status: "FIELD_ERROR"; formFields: FieldError[] };

/**
 * Emails a reset link if the address has an email+password account, and answers OK either
 * way (account enumeration: the answer must not tell who has an account).
 *
 * Timing is part of the answer: both paths make one lookup and one token-table write (a
 * delete that matches nothing for an unknown address), and the email is sent after the
 * answer (handed to `ctx.waitUntil`), because an SMTP round trip would give a known address
 * away by its latency. For the same reason a delivery failure cannot be reported here: it is
 * logged by the delivery, and the user asks again.
 *
 * Under an organization's tenant the link is bound to it (it works only there) and goes only to
 * a user who may enter the tenant, once the link has proven the address; anyone else is
 * answered as an unknown address.
 */
export async function sendPasswordResetEmail(ctx: EngineContext, input: { email: string; tenant?: Tenant }): Promise<SendPasswordResetEmailResult> {
  const emailError = checkExistingEmail(ctx.config.emailPassword, input.email);
  if (emailError) return { status: "FIELD_ERROR", formFields: [{ id: "email", error: emailError }] };
  const address = normaliseEmail(input.email);
  const found = await ctx.stores.users.findEmailPasswordAccountByEmail(address);
  const tenant = input.tenant;
  // The link goes to the address and using it verifies the address (reset-password.ts), so it is
  // asked as for a verified one: a tenant that admits the domain only verified is entered at the
  // sign-in that follows the reset, when the address is. Sending it admits no one.
  if (!found || (tenant && !(await mayEnterTenant(ctx, tenant, { ...found.user, emailVerified: true })))) {
    await ctx.stores.passwordResetTokens.deleteTokensForUser(randomUUID());
    return { status: "OK", delivery: Promise.resolve() };
  }
  const ttlSeconds = ctx.config.passwordReset.tokenTtlSeconds;
  const tenantId = tenant?.id;
  const token = await issueEmailToken(ctx, ctx.stores.passwordResetTokens, {
    userId: found.user.id,
    email: found.account.email,
    ttlSeconds,
    tenantId,
  });
  // Deleted since the look-up above: answered as an unknown address is, with nothing sent.
  if (token === null) return { status: "OK", delivery: Promise.resolve() };
  const link = emailLink(ctx, "reset-password", token, tenantId);
  const userId = found.user.id;
  const delivery = composeEmail(ctx, "PASSWORD_RESET", { to: found.account.email, link, ttlSeconds })
    .then((email) => deliverEmail(ctx, email))
    // A failed send is logged by the delivery; a template that threw, here (the promise must settle: no host need catch it).
    .then(
      () => undefined,
      (error: unknown) => logTemplateFailure(ctx, "PASSWORD_RESET", userId, error),
    );
  ctx.waitUntil(delivery);
  return { status: "OK", delivery };
}
