/**
 * The sign-in email and SMS, in the language of `email.locale` (English and German built in;
 * add one by adding a complete dictionary). The deployer's `passwordless.emailTemplate` and
 * `smsTemplate` are laid over the built-in text.
 */
import type { EmailContent, PasswordlessEmailTemplateInput } from "../config";
import type { EngineContext } from "../context";
import type { OutgoingEmail } from "../email/email-delivery";
import { linkEmailMessages } from "../email/link-email-messages";
import { escapeHtml } from "../email/templates";
import type { OutgoingSms } from "./sms-delivery";

interface PasswordlessMessages {
  subject: string;
  /** `{appName}`, `{email}`, `{duration}` are filled in. */
  lead: string;
  codeLead: string;
  linkLead: string;
  button: string;
  pasteLink: string;
  notYou: string;
  sms: { code: string; link: string; both: string };
}

const DICTIONARIES: Record<string, PasswordlessMessages> = {
  en: {
    subject: "Sign in to {appName}",
    lead: "Someone asked to sign in to {appName} as {email}. This works once, for {duration}.",
    codeLead: "Your sign-in code:",
    linkLead: "Or sign in with this link, in the browser where you asked for it:",
    button: "Sign in",
    pasteLink: "Or paste this link into your browser:",
    notYou: "If you did not ask for this, ignore this email: nobody can sign in without it.",
    sms: {
      code: "{code} is your {appName} sign-in code. It works for {duration}.",
      link: "Sign in to {appName}: {link}",
      both: "{code} is your {appName} sign-in code, or sign in here: {link}",
    },
  },
  de: {
    subject: "Bei {appName} anmelden",
    lead: "Jemand möchte sich bei {appName} als {email} anmelden. Das geht einmal, {duration} lang.",
    codeLead: "Ihr Anmeldecode:",
    linkLead: "Oder melden Sie sich mit diesem Link an, im Browser, in dem Sie ihn angefordert haben:",
    button: "Anmelden",
    pasteLink: "Oder fügen Sie diesen Link in Ihren Browser ein:",
    notYou: "Wenn Sie das nicht waren, ignorieren Sie diese E-Mail: Ohne sie kann sich niemand anmelden.",
    sms: {
      code: "{code} ist Ihr Anmeldecode für {appName}. Er gilt {duration} lang.",
      link: "Bei {appName} anmelden: {link}",
      both: "{code} ist Ihr Anmeldecode für {appName}, oder melden Sie sich hier an: {link}",
    },
  },
};

const fill = (text: string, values: Record<string, string | number>) =>
  text.replace(/\{(\w+)\}/g, (whole, name: string) => String(values[name] ?? whole));

function dictionary(locale: string): PasswordlessMessages {
  return DICTIONARIES[locale] ?? DICTIONARIES.en;
}

/** "1 minute", "15 minutes", "2 hours": as the link emails say how long they work. */
function duration(locale: string, minutes: number): string {
  return linkEmailMessages(locale).messages.duration(minutes);
}

/**
 * The code's lifetime in whole minutes, rounded down: the email must not promise a minute the
 * code does not have (90 seconds rounded was "2 minutes"). `codeLifetimeSeconds` is at least 60.
 */
function lifetimeMinutes(ctx: EngineContext): number {
  return Math.max(1, Math.floor(ctx.config.passwordless.codeLifetimeSeconds / 60));
}

/** The built-in email: the code in large digits and/or the link as a button. */
export function defaultPasswordlessEmail(input: PasswordlessEmailTemplateInput): EmailContent {
  const words = dictionary(input.locale);
  const values = { appName: input.appName, email: input.email, duration: duration(input.locale, input.expiresInMinutes) };
  const lead = fill(words.lead, values);
  const text = [lead, ""];
  const html: string[] = [`<p>${escapeHtml(lead)}</p>`];
  if (input.userInputCode) {
    text.push(words.codeLead, input.userInputCode, "");
    html.push(
      `<p>${escapeHtml(words.codeLead)}</p>`,
      `<p style="font-size:28px;letter-spacing:6px;font-weight:600">${escapeHtml(input.userInputCode)}</p>`,
    );
  }
  if (input.link) {
    const link = escapeHtml(input.link);
    text.push(words.linkLead, input.link, "");
    html.push(
      `<p>${escapeHtml(words.linkLead)}</p>`,
      `<p><a href="${link}" style="display:inline-block;background:#2f5bd3;color:#ffffff;border-radius:8px;padding:10px 16px;text-decoration:none">${escapeHtml(words.button)}</a></p>`,
      `<p style="color:#5b5b66;font-size:14px">${escapeHtml(words.pasteLink)}<br><span style="word-break:break-all">${link}</span></p>`,
    );
  }
  text.push(words.notYou, "");
  html.push(`<p style="color:#5b5b66;font-size:14px">${escapeHtml(words.notYou)}</p>`);
  const subject = fill(words.subject, values);
  return {
    subject,
    text: text.join("\n"),
    html: `<!doctype html>
<html lang="${escapeHtml(input.locale)}"><body style="margin:0;padding:24px;background:#f7f7f8;font-family:system-ui,-apple-system,'Segoe UI',sans-serif;color:#1b1b1f">
<div style="max-width:32rem;margin:0 auto;background:#ffffff;border:1px solid #d0d0d7;border-radius:8px;padding:24px">
<h1 style="font-size:20px;margin:0 0 16px">${escapeHtml(subject)}</h1>
${html.join("\n")}
</div></body></html>`,
  };
}

export interface SignInSecrets {
  userInputCode?: string;
  link?: string;
}

export async function composePasswordlessEmail(ctx: EngineContext, to: string, secrets: SignInSecrets): Promise<OutgoingEmail> {
  const { from, locale } = ctx.config.email;
  const input: PasswordlessEmailTemplateInput = {
    appName: ctx.config.appName,
    email: to,
    ...secrets,
    expiresInMinutes: lifetimeMinutes(ctx),
    locale,
  };
  const base = defaultPasswordlessEmail(input);
  const template = ctx.config.passwordless.emailTemplate;
  const custom = template ? await template(input) : {};
  const content = { ...base, ...Object.fromEntries(Object.entries(custom ?? {}).filter(([, v]) => typeof v === "string")) };
  // Subjects become a header: a template must not be able to inject another one.
  return {
    kind: "PASSWORDLESS_LOGIN",
    from,
    to,
    link: secrets.link ?? "",
    ...(secrets.userInputCode ? { userInputCode: secrets.userInputCode } : {}),
    ...content,
    subject: content.subject.replace(/[\r\n]+/g, " "),
  };
}

export function composePasswordlessSms(ctx: EngineContext, to: string, secrets: SignInSecrets): OutgoingSms {
  const { locale } = ctx.config.email;
  const minutes = lifetimeMinutes(ctx);
  const template = ctx.config.passwordless.smsTemplate;
  const words = dictionary(locale).sms;
  const values = { appName: ctx.config.appName, code: secrets.userInputCode ?? "", link: secrets.link ?? "", duration: duration(locale, minutes) };
  const text = template
    ? template({ appName: ctx.config.appName, ...secrets, expiresInMinutes: minutes, locale })
    : fill(secrets.userInputCode && secrets.link ? words.both : secrets.link ? words.link : words.code, values);
  return { to, text, ...secrets };
}
