/**
 * The words of the security notices, one dictionary per language. Add a language by adding a
 * complete `SecurityNoticeMessages` to NOTICE_DICTIONARIES (and the UI's lib/i18n alike).
 */
/** What a security notice tells the user about. */
export type SecurityNoticeEvent = "PASSWORD_CHANGED" | "PASSWORD_RESET" | "PROVIDER_LINKED" | "EMAIL_CHANGED" | "PASSKEY_ADDED";

export interface SecurityNoticeMessages {
  /** Subject and heading per event; `{appName}` and `{provider}` are filled in. */
  subjects: Record<SecurityNoticeEvent, string>;
  /** The first paragraph per event; `{appName}`, `{email}` and `{provider}` are filled in. */
  leads: Record<SecurityNoticeEvent, string>;
  /** What to do if it was not the reader. */
  notYou: string;
  button: string;
  pasteLink: string;
}

const en: SecurityNoticeMessages = {
  subjects: {
    PASSWORD_CHANGED: "Your {appName} password was changed",
    PASSWORD_RESET: "Your {appName} password was reset",
    PROVIDER_LINKED: "{provider} sign-in was added to your {appName} account",
    EMAIL_CHANGED: "The email address of your {appName} account was changed",
    PASSKEY_ADDED: "A passkey was added to your {appName} account",
  },
  leads: {
    PASSWORD_CHANGED: "The password of the {appName} account for {email} was just changed, and its other sessions were signed out.",
    PASSWORD_RESET: "The password of the {appName} account for {email} was just reset through an emailed link.",
    PROVIDER_LINKED:
      "Signing in with {provider} was just added to the {appName} account for {email}. That account can now be opened through {provider}.",
    EMAIL_CHANGED: "The {appName} account that used {email} now uses another email address. This address will receive no more emails about it.",
    PASSKEY_ADDED: "A new passkey was just added to the {appName} account for {email}. That account can now be opened with it.",
  },
  notYou:
    "If this was you, there is nothing to do. If it was not, reset your password now and contact us: someone else may have access to your account.",
  button: "Reset my password",
  pasteLink: "Or paste this link into your browser:",
};

const de: SecurityNoticeMessages = {
  subjects: {
    PASSWORD_CHANGED: "Ihr Passwort bei {appName} wurde geändert",
    PASSWORD_RESET: "Ihr Passwort bei {appName} wurde zurückgesetzt",
    PROVIDER_LINKED: "Die Anmeldung mit {provider} wurde Ihrem Konto bei {appName} hinzugefügt",
    EMAIL_CHANGED: "Die E-Mail-Adresse Ihres Kontos bei {appName} wurde geändert",
    PASSKEY_ADDED: "Ihrem Konto bei {appName} wurde ein Passkey hinzugefügt",
  },
  leads: {
    PASSWORD_CHANGED: "Das Passwort des Kontos bei {appName} für {email} wurde soeben geändert, und seine anderen Sitzungen wurden abgemeldet.",
    PASSWORD_RESET: "Das Passwort des Kontos bei {appName} für {email} wurde soeben über einen per E-Mail gesendeten Link zurückgesetzt.",
    PROVIDER_LINKED:
      "Dem Konto bei {appName} für {email} wurde soeben die Anmeldung mit {provider} hinzugefügt. Das Konto lässt sich nun über {provider} öffnen.",
    EMAIL_CHANGED:
      "Das Konto bei {appName}, das {email} verwendet hat, verwendet jetzt eine andere E-Mail-Adresse. An diese Adresse gehen dazu keine E-Mails mehr.",
    PASSKEY_ADDED: "Dem Konto bei {appName} für {email} wurde soeben ein neuer Passkey hinzugefügt. Das Konto lässt sich nun damit öffnen.",
  },
  notYou:
    "Falls Sie das waren, ist nichts zu tun. Falls nicht, setzen Sie Ihr Passwort jetzt zurück und wenden Sie sich an uns: Jemand anderes hat womöglich Zugang zu Ihrem Konto.",
  button: "Passwort zurücksetzen",
  pasteLink: "Oder fügen Sie diesen Link in Ihren Browser ein:",
};

export const NOTICE_DICTIONARIES: Record<string, SecurityNoticeMessages> = { en, de };

/** Fills `{name}` placeholders. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}
