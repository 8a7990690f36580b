import type { EngineContext } from "../context";
import type { EmailKind, OutgoingEmail } from "./email-delivery";
import { renderEmail } from "./templates";
import { MESSAGE } from "../wire-codes";
import { PUBLIC_TENANT_ID } from "../organizations/organization-names";

/**
 * The link the email carries: always on the configured app origin. The request's Host header
 * is never used (host header injection: an attacker asking for a reset of the victim's account
 * with `Host: evil.example` would otherwise get the victim a link to the attacker's server).
 */
export function emailLink(
  ctx: EngineContext,
  page: "reset-password" | "verify-email" | "webauthn/recover",
  token?: string,
  tenantId?: string,
): string {
  const url = new URL(`${ctx.config.websiteBasePath}/${page}`, ctx.config.appOrigin);
  // An organization's token works only under its tenant: supertokens-web-js reads `tenantId`
  // from the page's query and posts under it. The public tenant's links stay as they were.
  // Before the token, so that the token stays the link's last parameter, as it always was.
  if (tenantId !== undefined && tenantId !== PUBLIC_TENANT_ID) url.searchParams.set("tenantId", tenantId);
  if (token !== undefined) url.searchParams.set("token", token);
  return url.toString();
}

export async function composeEmail(
  ctx: EngineContext,
  kind: Exclude<EmailKind, "SECURITY_NOTICE" | "PASSWORDLESS_LOGIN" | "WEBAUTHN_RECOVER" | "ORGANIZATION_INVITATION">,
  input: { to: string; link: string; ttlSeconds: number },
): Promise<OutgoingEmail> {
  const { templates, from, locale } = ctx.config.email;
  const content = await renderEmail(kind, kind === "PASSWORD_RESET" ? templates.passwordReset : templates.emailVerification, {
    appName: ctx.config.appName,
    email: input.to,
    link: input.link,
    expiresInMinutes: Math.max(1, Math.round(input.ttlSeconds / 60)),
    locale,
  });
  // Subjects become a header: a template must not be able to inject another one.
  return { kind, from, to: input.to, link: input.link, ...content, subject: content.subject.replace(/[\r\n]+/g, " ") };
}

/** Sends and reports the outcome as the FDI does: OK, or GENERAL_ERROR with a safe message. */
export async function deliverEmail(
  ctx: EngineContext,
  email: OutgoingEmail,
): Promise<{ status: "OK" } | { status: "GENERAL_ERROR"; message: string }> {
  try {
    await ctx.emailDelivery.send(email);
    return { status: "OK" };
  } catch {
    // The delivery has logged the cause; the browser learns only that it failed.
    return { status: "GENERAL_ERROR", message: MESSAGE.EMAIL_DELIVERY_FAILED };
  }
}

/**
 * The deployer's template threw: logged with the email's kind, for the deployer to find. The
 * user's answer is that of an email that could not be sent (or, sent after the answer, none).
 */
export function logTemplateFailure(ctx: EngineContext, kind: EmailKind, userId: string | undefined, error: unknown): void {
  const reason = error instanceof Error ? error.message : String(error);
  ctx.log.warn(
    { event: "email.template_failed", kind, ...(userId !== undefined && { userId }), error: reason },
    `The ${kind} email's template threw`,
  );
}
