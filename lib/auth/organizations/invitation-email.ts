/**
 * The invitation email, in the language of `email.locale` (English and German built in). The
 * organization's name is its creator's words: `layout` escapes it in the HTML, and line breaks
 * are kept out of the subject (a header).
 */
import type { EngineContext } from "../context";
import type { OutgoingEmail } from "../email/email-delivery";
import { layout } from "../email/templates";
import type { AssignableRole } from "./organization-names";

interface InvitationWords {
  subject: string;
  /** `{appName}`, `{organization}`, `{role}`, `{days}` are filled in. */
  lead: string;
  button: string;
  pasteLink: string;
  notYou: string;
  /** The role an invitation gives, in the words the organization pages use for it (lib/i18n). */
  roles: Record<AssignableRole, string>;
}

const DICTIONARIES: Record<string, InvitationWords> = {
  en: {
    subject: "You are invited to {organization} on {appName}",
    lead: "You are invited to join {organization} on {appName} as {role}. Sign in or sign up with this email address, then accept. The invitation works once, for {days} days.",
    button: "Accept the invitation",
    pasteLink: "Or paste this link into your browser:",
    notYou: "If you do not know this organization, ignore this email.",
    roles: { admin: "admin", member: "member" },
  },
  de: {
    subject: "Einladung zu {organization} bei {appName}",
    lead: "Sie sind eingeladen, {organization} bei {appName} als {role} beizutreten. Melden Sie sich mit dieser E-Mail-Adresse an oder registrieren Sie sich, dann nehmen Sie an. Die Einladung gilt einmal, {days} Tage lang.",
    button: "Einladung annehmen",
    pasteLink: "Oder fügen Sie diesen Link in Ihren Browser ein:",
    notYou: "Wenn Sie diese Organisation nicht kennen, ignorieren Sie diese E-Mail.",
    roles: { admin: "Verwalter", member: "Mitglied" },
  },
};

const fill = (text: string, values: Record<string, string | number>) =>
  text.replace(/\{(\w+)\}/g, (whole, name: string) => String(values[name] ?? whole));

/** The page that accepts: on the configured origin only, never the request's Host. */
export function invitationLink(ctx: EngineContext, token: string): string {
  const url = new URL(`${ctx.config.websiteBasePath}/accept-invitation`, ctx.config.appOrigin);
  url.searchParams.set("token", token);
  return url.toString();
}

export function composeInvitationEmail(
  ctx: EngineContext,
  input: { to: string; organizationName: string; role: string; link: string; ttlSeconds: number },
): OutgoingEmail {
  const { from, locale } = ctx.config.email;
  const words = DICTIONARIES[locale] ?? DICTIONARIES.en!;
  const values = {
    appName: ctx.config.appName,
    organization: input.organizationName,
    // A German email said "als member": the role's id, not a word of the reader's language.
    role: words.roles[input.role as AssignableRole] ?? input.role,
    days: Math.max(1, Math.round(input.ttlSeconds / 86_400)),
  };
  const lead = fill(words.lead, values);
  const subject = fill(words.subject, values).replace(/[\r\n]+/g, " ");
  return {
    kind: "ORGANIZATION_INVITATION",
    from,
    to: input.to,
    link: input.link,
    subject,
    text: [lead, "", input.link, "", words.notYou].join("\n"),
    html: layout({ link: input.link }, subject, lead, words.button, words.notYou, {
      lang: locale in DICTIONARIES ? locale : "en",
      pasteLink: words.pasteLink,
    }),
  };
}
