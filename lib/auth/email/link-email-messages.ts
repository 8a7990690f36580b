/**
 * The words of the built-in emails that carry a one-time link (password reset, email
 * verification, passkey recovery), one dictionary per language of `email.locale`, as the
 * security notices, sign-in codes and invitations have theirs. Add a language with a complete
 * `LinkEmailMessages` (and the security notices' alike: NOTICE_DICTIONARIES decides which
 * languages `email.locale` takes).
 */

interface LinkEmailWords {
  /** `{appName}` is filled in. */
  subject: string;
  heading: string;
  /** `{appName}`, `{email}` and `{duration}` are filled in. */
  lead: string;
  button: string;
  footer: string;
}

export interface LinkEmailMessages {
  passwordReset: LinkEmailWords;
  emailVerification: LinkEmailWords;
  webauthnRecover: LinkEmailWords;
  pasteLink: string;
  /** How long a link works: whole hours where it is, else minutes. */
  duration: (minutes: number) => string;
}

const en: LinkEmailMessages = {
  passwordReset: {
    subject: "Reset your {appName} password",
    heading: "Reset your password",
    lead: "Someone asked to reset the password of the {appName} account for {email}. Follow the link to choose a new one. It works once, for {duration}.",
    button: "Choose a new password",
    footer: "If you did not ask for this, ignore this email: your password stays as it is.",
  },
  emailVerification: {
    subject: "Verify your email for {appName}",
    heading: "Verify your email",
    lead: "Confirm that {email} is your address for {appName}. The link works once, for {duration}.",
    button: "Verify my email",
    footer: "If you did not sign up, ignore this email.",
  },
  webauthnRecover: {
    subject: "Add a passkey to your {appName} account",
    heading: "Add a passkey",
    lead: "Someone asked to add a new passkey to the {appName} account for {email}. Follow the link on the device that should hold it. It works once, for {duration}.",
    button: "Add a passkey",
    footer: "If you did not ask for this, ignore this email: nothing changes.",
  },
  pasteLink: "Or paste this link into your browser:",
  duration: (n) => (n % 60 === 0 && n >= 60 ? `${n / 60} hour${n === 60 ? "" : "s"}` : `${n} minute${n === 1 ? "" : "s"}`),
};

const de: LinkEmailMessages = {
  passwordReset: {
    subject: "Ihr Passwort bei {appName} zurücksetzen",
    heading: "Passwort zurücksetzen",
    lead: "Jemand hat angefordert, das Passwort des Kontos bei {appName} für {email} zurückzusetzen. Folgen Sie dem Link, um ein neues zu wählen. Er gilt einmal, {duration} lang.",
    button: "Neues Passwort wählen",
    footer: "Wenn Sie das nicht angefordert haben, ignorieren Sie diese E-Mail: Ihr Passwort bleibt, wie es ist.",
  },
  emailVerification: {
    subject: "Bestätigen Sie Ihre E-Mail-Adresse bei {appName}",
    heading: "E-Mail-Adresse bestätigen",
    lead: "Bestätigen Sie, dass {email} Ihre Adresse bei {appName} ist. Der Link gilt einmal, {duration} lang.",
    button: "E-Mail-Adresse bestätigen",
    footer: "Wenn Sie sich nicht registriert haben, ignorieren Sie diese E-Mail.",
  },
  webauthnRecover: {
    subject: "Einen Passkey zu Ihrem Konto bei {appName} hinzufügen",
    heading: "Passkey hinzufügen",
    lead: "Jemand hat angefordert, dem Konto bei {appName} für {email} einen neuen Passkey hinzuzufügen. Folgen Sie dem Link auf dem Gerät, das ihn speichern soll. Er gilt einmal, {duration} lang.",
    button: "Passkey hinzufügen",
    footer: "Wenn Sie das nicht angefordert haben, ignorieren Sie diese E-Mail: Es ändert sich nichts.",
  },
  pasteLink: "Oder fügen Sie diesen Link in Ihren Browser ein:",
  duration: (n) => (n % 60 === 0 && n >= 60 ? `${n / 60} Stunde${n === 60 ? "" : "n"}` : `${n} Minute${n === 1 ? "" : "n"}`),
};

const LINK_EMAIL_DICTIONARIES: Record<string, LinkEmailMessages> = { en, de };

/** The dictionary of `locale`, English for one without. */
export function linkEmailMessages(locale: string): { lang: string; messages: LinkEmailMessages } {
  const messages = LINK_EMAIL_DICTIONARIES[locale];
  return messages ? { lang: locale, messages } : { lang: "en", messages: en };
}

/** One email's words in `locale`, its placeholders filled in. */
export function linkEmailWords(
  locale: string,
  kind: "passwordReset" | "emailVerification" | "webauthnRecover",
  values: { appName: string; email: string; expiresInMinutes: number },
): LinkEmailWords & { lang: string; pasteLink: string } {
  const { lang, messages } = linkEmailMessages(locale);
  const filled = { appName: values.appName, email: values.email, duration: messages.duration(values.expiresInMinutes) };
  // One pass: a value that holds "{…}" (an app name, an address) is never filled in again.
  const fill = (text: string) => text.replace(/\{(\w+)\}/g, (whole, name: string) => filled[name as keyof typeof filled] ?? whole);
  const words = messages[kind];
  return {
    lang,
    pasteLink: messages.pasteLink,
    subject: fill(words.subject),
    heading: words.heading,
    lead: fill(words.lead),
    button: words.button,
    footer: words.footer,
  };
}
