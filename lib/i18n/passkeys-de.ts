import type { passkeysEn } from "./passkeys-en";

/** German for lib/i18n/passkeys-en.ts; spread into `de`. */
export const passkeysDe: typeof passkeysEn = {
  passkeySignIn: "Mit einem Passkey anmelden",
  passkeyOr: "Oder mit einem Passkey",
  passkeyIntro: "Ganz ohne Passwort: Ihr Gerät entsperrt ihn mit Fingerabdruck, Gesicht oder PIN.",
  passkeyCreateAccount: "Konto mit einem Passkey erstellen",
  passkeyFailed: "Der Passkey konnte nicht verwendet werden. Bitte versuchen Sie es erneut.",
  passkeyUnknown: "Dieser Passkey ist hier nicht bekannt. Verwenden Sie einen anderen oder erstellen Sie ein Konto.",
  passkeyEmailTaken:
    "Ein Konto mit dieser E-Mail-Adresse gibt es schon. Melden Sie sich an und fügen Sie dann auf Ihrer Kontoseite einen Passkey hinzu.",
  passkeyNotSupported: "Dieser Browser kann keine Passkeys verwenden.",
  passkeyLost: "Passkey verloren?",
  passkeyRecoverTitle: "Neuen Passkey hinzufügen",
  passkeyRecoverIntro: "Wir senden Ihnen einen Link, mit dem Sie Ihrem Konto einen neuen Passkey hinzufügen.",
  passkeyRecoverSend: "Link per E-Mail senden",
  passkeyRecoverSent: "Falls ein Konto {email} verwendet, ist eine E-Mail mit den nächsten Schritten unterwegs.",
  passkeyRecoverBody: "Erstellen Sie auf diesem Gerät einen Passkey für Ihr Konto.",
  passkeyRecoverButton: "Passkey hinzufügen",
  passkeyRecoverDone: "Ihr neuer Passkey ist bereit. Melden Sie sich damit an.",
  passkeyRecoverInvalid: "Dieser Link funktioniert nicht mehr. Fordern Sie einen neuen an.",
  passkeyGoToSignIn: "Zur Anmeldung",
  accountPasskeysTitle: "Passkeys",
  accountPasskeysNone: "Noch keine Passkeys.",
  accountPasskeyAdd: "Passkey hinzufügen",
  accountPasskeyAdded: "Passkey hinzugefügt.",
  accountPasskeyOnDevice:
    "Dieses Gerät hat schon einen Passkey für Ihr Konto. Fügen Sie einen auf einem anderen Gerät oder Sicherheitsschlüssel hinzu.",
  accountPasskeyRename: "Umbenennen",
  accountPasskeyRemove: "Entfernen",
  accountPasskeyName: "Name von {name}",
  accountPasskeySave: "Speichern",
  accountPasskeyCreated: "Hinzugefügt am {date}",
  accountPasskeyLastUsed: "zuletzt verwendet am {date}",
};
