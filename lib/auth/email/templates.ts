import type { EmailContent, EmailTemplate, EmailTemplateInput } from "../config";
import type { EmailKind } from "./email-delivery";
import { linkEmailWords } from "./link-email-messages";

/** HTML-escapes text for element content and double-quoted attributes. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function layout(
  input: Pick<EmailTemplateInput, "link">,
  heading: string,
  lead: string,
  button: string,
  footer: string,
  language: { lang: string; pasteLink: string } = { lang: "en", pasteLink: "Or paste this link into your browser:" },
): string {
  const link = escapeHtml(input.link);
  return `<!doctype html>
<html lang="${escapeHtml(language.lang)}"><body style="margin:0;padding:24px;background:#f7f7f8;font-family:system-ui,-apple-system,'Segoe UI',sans-serif;color:#1b1b1f">
<div style="max-width:32rem;margin:0 auto;background:#ffffff;border:1px solid #d0d0d7;border-radius:8px;padding:24px">
<h1 style="font-size:20px;margin:0 0 16px">${escapeHtml(heading)}</h1>
<p>${escapeHtml(lead)}</p>
<p><a href="${link}" style="display:inline-block;background:#2f5bd3;color:#ffffff;border-radius:8px;padding:10px 16px;text-decoration:none">${escapeHtml(button)}</a></p>
<p style="color:#5b5b66;font-size:14px">${escapeHtml(language.pasteLink)}<br><span style="word-break:break-all">${link}</span></p>
<p style="color:#5b5b66;font-size:14px">${escapeHtml(footer)}</p>
</div></body></html>`;
}

/** A built-in link email in `input.locale` (link-email-messages.ts). */
function linkEmail(kind: "passwordReset" | "emailVerification", input: EmailTemplateInput): EmailContent {
  const words = linkEmailWords(input.locale, kind, input);
  return {
    subject: words.subject,
    text: `${words.lead}\n\n${input.link}\n\n${words.footer}\n`,
    html: layout(input, words.heading, words.lead, words.button, words.footer, { lang: words.lang, pasteLink: words.pasteLink }),
  };
}

export const defaultPasswordResetTemplate: EmailTemplate = (input) => linkEmail("passwordReset", input);

export const defaultEmailVerificationTemplate: EmailTemplate = (input) => linkEmail("emailVerification", input);

const DEFAULTS: Record<
  Exclude<EmailKind, "SECURITY_NOTICE" | "PASSWORDLESS_LOGIN" | "WEBAUTHN_RECOVER" | "ORGANIZATION_INVITATION">,
  EmailTemplate
> = {
  PASSWORD_RESET: defaultPasswordResetTemplate,
  EMAIL_VERIFICATION: defaultEmailVerificationTemplate,
};

/** The deployer's template laid over the built-in one: whatever it leaves out stays default. */
export async function renderEmail(
  kind: Exclude<EmailKind, "SECURITY_NOTICE" | "PASSWORDLESS_LOGIN" | "WEBAUTHN_RECOVER" | "ORGANIZATION_INVITATION">,
  override: EmailTemplate | undefined,
  input: EmailTemplateInput,
): Promise<EmailContent> {
  const base = (await DEFAULTS[kind](input)) as EmailContent;
  const custom = override ? await override(input) : {};
  return { ...base, ...Object.fromEntries(Object.entries(custom ?? {}).filter(([, v]) => typeof v === "string")) };
}
