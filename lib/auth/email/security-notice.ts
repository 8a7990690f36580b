/**
 * Security notices (ASVS 6.3.7): the user hears of every change to how the account is opened
 * (password changed or reset, a sign-in provider added, the email changed), so that a change
 * they did not make is noticed while it can still be undone.
 *
 * A notice never holds up nor fails what the user did: it is sent after the answer (handed to
 * `ctx.waitUntil`, which the app maps to Next's `after`), and a failed delivery is logged,
 * not thrown. The EMAIL_CHANGED notice goes to the address the account left, which is the one
 * a hijacker would not control.
 */
import type { EngineContext } from "../context";
import type { SecurityNoticeTemplateInput } from "../config-email";
import type { OutgoingEmail } from "./email-delivery";
import { findProvider } from "../thirdparty/providers";
import { emailLink } from "./send-email";
import { NOTICE_DICTIONARIES, fill, type SecurityNoticeEvent } from "./security-notice-messages";
import { layout } from "./templates";

export interface SecurityNotice {
  userId: string;
  /** The recipient; a user without an address gets no notice. */
  to: string | null;
  event: SecurityNoticeEvent;
  /** The provider's id, for PROVIDER_LINKED. */
  provider?: string;
}

/** Sends the notice after the answer. Returns at once; never throws. */
export function sendSecurityNotice(ctx: EngineContext, notice: SecurityNotice): void {
  if (!notice.to) return;
  const to = notice.to;
  const task = composeSecurityNotice(ctx, { ...notice, to })
    .then((email) => ctx.emailDelivery.send(email))
    .catch((error: unknown) => {
      // The delivery logged the SMTP details; this line says which notice was lost.
      ctx.log.warn(
        { event: "email.notice_failed", userId: notice.userId, reason: notice.event, error: error instanceof Error ? error.name : "unknown" },
        "A security notice could not be sent",
      );
    });
  ctx.waitUntil(task);
}

/** The built-in notice in `email.locale`, with the deployer's template laid over it. */
export async function composeSecurityNotice(ctx: EngineContext, notice: SecurityNotice & { to: string }): Promise<OutgoingEmail> {
  const { templates, from, locale } = ctx.config.email;
  const hasPassword = await accountHasPassword(ctx, notice.userId);
  const input: SecurityNoticeTemplateInput = {
    appName: ctx.config.appName,
    email: notice.to,
    event: notice.event,
    ...(notice.provider !== undefined ? { provider: notice.provider, providerName: providerName(ctx, notice.provider) } : {}),
    hasPassword,
    link: offersReset(notice.event, hasPassword)
      ? emailLink(ctx, "reset-password")
      : new URL(ctx.config.websiteBasePath, ctx.config.appOrigin).toString(),
    locale,
  };
  const base = defaultSecurityNotice(input);
  const custom = templates.securityNotice ? await templates.securityNotice(input) : {};
  const content = { ...base, ...Object.fromEntries(Object.entries(custom ?? {}).filter(([, v]) => typeof v === "string")) };
  // Subjects become a header: a template (or a provider id) must not be able to inject another one.
  return {
    kind: "SECURITY_NOTICE",
    notice: notice.event,
    from,
    to: notice.to,
    link: input.link,
    ...content,
    subject: content.subject.replace(/[\r\n]+/g, " "),
  };
}

/**
 * The provider as the reader knows it, from its sign-in button: the notice said "google sign-in
 * was added", or named a custom provider by an id the user never saw.
 */
function providerName(ctx: EngineContext, id: string): string {
  return findProvider(ctx.config.thirdParty, id)?.name ?? id;
}

/**
 * Whether the account opens with a password, which decides what a notice may tell it to do: a
 * password reset sends nothing to an account without one, and "sign in with your password" is
 * no way in for it. A user gone meanwhile, or a read that failed, gets the wording as before:
 * the notice still goes.
 */
async function accountHasPassword(ctx: EngineContext, userId: string): Promise<boolean> {
  const methods = await ctx.stores.thirdParty.getLoginMethods(userId).catch(() => null);
  return methods?.hasPassword ?? true;
}

/**
 * Whether the notice offers a password reset: only to an account with a password, and never at
 * the address an email change left, from which a reset no longer reaches the account.
 */
function offersReset(event: SecurityNoticeEvent, hasPassword: boolean): boolean {
  return hasPassword && event !== "EMAIL_CHANGED";
}

function defaultSecurityNotice(input: SecurityNoticeTemplateInput): { subject: string; text: string; html: string } {
  const t = NOTICE_DICTIONARIES[input.locale] ?? NOTICE_DICTIONARIES.en;
  const values = { appName: input.appName, email: input.email, provider: input.providerName ?? input.provider ?? "" };
  const subject = fill(t.subjects[input.event], values);
  const lead = fill((input.hasPassword ? undefined : t.leadsWithoutPassword[input.event]) ?? t.leads[input.event], values);
  const notYou = input.event === "EMAIL_CHANGED" ? t.notYouAfterEmailChange : input.hasPassword ? t.notYou : t.notYouWithoutPassword;
  const button = offersReset(input.event, input.hasPassword) ? t.button : t.signInButton;
  return {
    subject,
    text: `${lead}\n\n${notYou}\n\n${input.link}\n`,
    html: layout(input, subject, lead, button, notYou, { lang: input.locale, pasteLink: t.pasteLink }),
  };
}
