/**
 * The words of the security notices, one dictionary per language. Add a language by adding a
 * complete `SecurityNoticeMessages` to NOTICE_DICTIONARIES (and the UI's lib/i18n alike).
 */
/** What a security notice tells the user about. */
export type SecurityNoticeEvent =
  | "PASSWORD_CHANGED"
  | "PASSWORD_RESET"
  | "PROVIDER_LINKED"
  | "PASSWORDLESS_LINKED"
  | "EMAIL_CHANGED"
  | "MFA_FACTOR_ADDED"
  | "MFA_FACTOR_REMOVED"
  | "PASSKEY_ADDED"
  /** The user removed one of their passkeys (a way into the account went). */
  | "PASSKEY_REMOVED"
  | "PASSKEY_RECOVERY_REFUSED"
  /** A new set of recovery codes was made, replacing the old one (a way past the authenticator). */
  | "RECOVERY_CODES_CREATED";

export interface SecurityNoticeMessages {
  /** Subject and heading per event; `{appName}` and `{provider}` are filled in. */
  subjects: Record<SecurityNoticeEvent, string>;
  /** The first paragraph per event; `{appName}`, `{email}` and `{provider}` are filled in. */
  leads: Record<SecurityNoticeEvent, string>;
  /**
   * The first paragraph for an account without a password, where `leads` would tell it to use
   * one; `{appName}` and `{email}` are filled in.
   */
  leadsWithoutPassword: Partial<Record<SecurityNoticeEvent, string>>;
  /** What to do if it was not the reader. */
  notYou: string;
  /** The same for an account without a password, which a password reset cannot help. */
  notYouWithoutPassword: string;
  /**
   * The same for EMAIL_CHANGED, read at the address the account left: a password reset asked
   * from there can no longer reach the account.
   */
  notYouAfterEmailChange: string;
  /** The button to the password-reset page. */
  button: string;
  /** The button to the sign-in page (an account without a password). */
  signInButton: string;
  pasteLink: string;
}

const en: SecurityNoticeMessages = {
  subjects: {
    PASSWORD_CHANGED: "Your {appName} password was changed",
    PASSWORD_RESET: "Your {appName} password was reset",
    PROVIDER_LINKED: "{provider} sign-in was added to your {appName} account",
    PASSWORDLESS_LINKED: "Sign-in with an emailed code was added to your {appName} account",
    EMAIL_CHANGED: "The email address of your {appName} account was changed",
    MFA_FACTOR_ADDED: "An authenticator was added to your {appName} account",
    MFA_FACTOR_REMOVED: "An authenticator was removed from your {appName} account",
    PASSKEY_ADDED: "A passkey was added to your {appName} account",
    PASSKEY_REMOVED: "A passkey was removed from your {appName} account",
    PASSKEY_RECOVERY_REFUSED: "Your {appName} passkeys cannot be recovered by email",
    RECOVERY_CODES_CREATED: "New recovery codes were made for your {appName} account",
  },
  leads: {
    PASSWORD_CHANGED: "The password of the {appName} account for {email} was just changed, and its other sessions were signed out.",
    PASSWORD_RESET: "The password of the {appName} account for {email} was just reset through an emailed link.",
    PROVIDER_LINKED:
      "Signing in with {provider} was just added to the {appName} account for {email}. That account can now be opened through {provider}.",
    PASSWORDLESS_LINKED:
      "Signing in with a one-time code or link sent to {email} was just added to the {appName} account for {email}, and used to sign in.",
    EMAIL_CHANGED: "The {appName} account that used {email} now uses another email address. This address will receive no more emails about it.",
    MFA_FACTOR_ADDED: "An authenticator app was just added to the {appName} account for {email}: its codes now open the account as a second step.",
    MFA_FACTOR_REMOVED: "An authenticator app was just removed from the {appName} account for {email}.",
    PASSKEY_ADDED: "A new passkey was just added to the {appName} account for {email}. That account can now be opened with it.",
    PASSKEY_REMOVED: "A passkey was just removed from the {appName} account for {email}. It no longer opens the account.",
    PASSKEY_RECOVERY_REFUSED:
      "Someone asked to recover a passkey of the {appName} account for {email}. The account has two-step verification, so no link was sent: sign in with your password and a code from your authenticator app (or a recovery code), then add a passkey on your account page.",
    RECOVERY_CODES_CREATED:
      "A new set of recovery codes was just made for the {appName} account for {email}. Each opens the account in place of the authenticator app; the codes made before no longer work.",
  },
  leadsWithoutPassword: {
    PASSKEY_RECOVERY_REFUSED:
      "Someone asked to recover a passkey of the {appName} account for {email}. The account has two-step verification, so no link was sent. It has no password: sign in with a passkey you still have (on another device, or synced to one) or with another sign-in method of the account, then add a passkey on your account page. If none is left, contact us: we can remove the account's authenticator, and a recovery link can then be sent.",
  },
  notYou:
    "If this was you, there is nothing to do. If it was not, reset your password now and contact us: someone else may have access to your account.",
  notYouWithoutPassword:
    "If this was you, there is nothing to do. If it was not, sign in, remove on your account page what you do not recognise, sign out the sessions you do not know, and contact us: someone else may have access to your account.",
  notYouAfterEmailChange:
    "If this was you, there is nothing to do. If it was not, contact us at once: someone else may have access to your account, and a password reset asked from this address can no longer reach it.",
  button: "Reset my password",
  signInButton: "Sign in",
  pasteLink: "Or paste this link into your browser:",
};

const de: SecurityNoticeMessages = {
  subjects: {
    PASSWORD_CHANGED: "Ihr Passwort bei {appName} wurde geändert",
    PASSWORD_RESET: "Ihr Passwort bei {appName} wurde zurückgesetzt",
    PROVIDER_LINKED: "Die Anmeldung mit {provider} wurde Ihrem Konto bei {appName} hinzugefügt",
    PASSWORDLESS_LINKED: "Die Anmeldung mit einem per E-Mail gesendeten Code wurde Ihrem Konto bei {appName} hinzugefügt",
    EMAIL_CHANGED: "Die E-Mail-Adresse Ihres Kontos bei {appName} wurde geändert",
    MFA_FACTOR_ADDED: "Ihrem Konto bei {appName} wurde ein Authenticator hinzugefügt",
    MFA_FACTOR_REMOVED: "Von Ihrem Konto bei {appName} wurde ein Authenticator entfernt",
    PASSKEY_ADDED: "Ihrem Konto bei {appName} wurde ein Passkey hinzugefügt",
    PASSKEY_REMOVED: "Von Ihrem Konto bei {appName} wurde ein Passkey entfernt",
    PASSKEY_RECOVERY_REFUSED: "Ihre Passkeys bei {appName} lassen sich nicht per E-Mail wiederherstellen",
    RECOVERY_CODES_CREATED: "Für Ihr Konto bei {appName} wurden neue Wiederherstellungscodes erstellt",
  },
  leads: {
    PASSWORD_CHANGED: "Das Passwort des Kontos bei {appName} für {email} wurde soeben geändert, und seine anderen Sitzungen wurden abgemeldet.",
    PASSWORD_RESET: "Das Passwort des Kontos bei {appName} für {email} wurde soeben über einen per E-Mail gesendeten Link zurückgesetzt.",
    PROVIDER_LINKED:
      "Dem Konto bei {appName} für {email} wurde soeben die Anmeldung mit {provider} hinzugefügt. Das Konto lässt sich nun über {provider} öffnen.",
    PASSWORDLESS_LINKED:
      "Dem Konto bei {appName} für {email} wurde soeben die Anmeldung mit einem einmaligen Code oder Link an {email} hinzugefügt und damit angemeldet.",
    EMAIL_CHANGED:
      "Das Konto bei {appName}, das {email} verwendet hat, verwendet jetzt eine andere E-Mail-Adresse. An diese Adresse gehen dazu keine E-Mails mehr.",
    MFA_FACTOR_ADDED:
      "Dem Konto bei {appName} für {email} wurde soeben eine Authenticator-App hinzugefügt: Ihre Codes öffnen das Konto nun als zweiten Schritt.",
    MFA_FACTOR_REMOVED: "Vom Konto bei {appName} für {email} wurde soeben eine Authenticator-App entfernt.",
    PASSKEY_ADDED: "Dem Konto bei {appName} für {email} wurde soeben ein neuer Passkey hinzugefügt. Das Konto lässt sich nun damit öffnen.",
    PASSKEY_REMOVED: "Vom Konto bei {appName} für {email} wurde soeben ein Passkey entfernt. Er öffnet das Konto nicht mehr.",
    PASSKEY_RECOVERY_REFUSED:
      "Jemand hat angefordert, einen Passkey des Kontos bei {appName} für {email} wiederherzustellen. Das Konto ist durch die Bestätigung in zwei Schritten geschützt, daher wurde kein Link gesendet: Melden Sie sich mit Ihrem Passwort und einem Code aus Ihrer Authenticator-App (oder einem Wiederherstellungscode) an und fügen Sie dann auf Ihrer Kontoseite einen Passkey hinzu.",
    RECOVERY_CODES_CREATED:
      "Für das Konto bei {appName} für {email} wurden soeben neue Wiederherstellungscodes erstellt. Jeder öffnet das Konto anstelle der Authenticator-App; die zuvor erstellten Codes gelten nicht mehr.",
  },
  leadsWithoutPassword: {
    PASSKEY_RECOVERY_REFUSED:
      "Jemand hat angefordert, einen Passkey des Kontos bei {appName} für {email} wiederherzustellen. Das Konto ist durch die Bestätigung in zwei Schritten geschützt, daher wurde kein Link gesendet. Es hat kein Passwort: Melden Sie sich mit einem Passkey an, den Sie noch haben (auf einem anderen Gerät oder dorthin synchronisiert), oder mit einer anderen Anmeldemethode des Kontos, und fügen Sie dann auf Ihrer Kontoseite einen Passkey hinzu. Bleibt keiner davon, wenden Sie sich an uns: Wir können den Authenticator des Kontos entfernen, danach lässt sich ein Wiederherstellungslink senden.",
  },
  notYou:
    "Falls Sie das waren, ist nichts zu tun. Falls nicht, setzen Sie Ihr Passwort jetzt zurück und wenden Sie sich an uns: Jemand anderes hat womöglich Zugang zu Ihrem Konto.",
  notYouWithoutPassword:
    "Falls Sie das waren, ist nichts zu tun. Falls nicht, melden Sie sich an, entfernen Sie auf Ihrer Kontoseite, was Sie nicht kennen, melden Sie Sitzungen ab, die Sie nicht kennen, und wenden Sie sich an uns: Jemand anderes hat womöglich Zugang zu Ihrem Konto.",
  notYouAfterEmailChange:
    "Falls Sie das waren, ist nichts zu tun. Falls nicht, wenden Sie sich sofort an uns: Jemand anderes hat womöglich Zugang zu Ihrem Konto, und ein von dieser Adresse aus angefordertes Zurücksetzen des Passworts erreicht es nicht mehr.",
  button: "Passwort zurücksetzen",
  signInButton: "Anmelden",
  pasteLink: "Oder fügen Sie diesen Link in Ihren Browser ein:",
};

export const NOTICE_DICTIONARIES: Record<string, SecurityNoticeMessages> = { en, de };

/** Fills `{name}` placeholders. */
export function fill(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}
