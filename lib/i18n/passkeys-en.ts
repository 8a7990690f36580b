/**
 * The built-in UI's strings for passkeys (sign-in, sign-up, recovery, the account's list),
 * English. Spread into `en` (lib/i18n/en.ts), so they are part of `Messages` and every language
 * must translate them (lib/i18n/passkeys-de.ts).
 */
export const passkeysEn = {
  passkeySignIn: "Sign in with a passkey",
  passkeyOr: "Or use a passkey",
  passkeyIntro: "No password needed: your device unlocks it with your fingerprint, face or PIN.",
  passkeyCreateAccount: "Create an account with a passkey",
  passkeyFailed: "The passkey could not be used. Please try again.",
  passkeyUnknown: "This passkey is not known here. Use another one, or create an account.",
  passkeyEmailTaken: "An account with this email exists already. Sign in, then add a passkey on your account page.",
  passkeyNotSupported: "This browser cannot use passkeys.",
  passkeyLost: "Lost your passkey?",
  passkeyRecoverTitle: "Add a new passkey",
  passkeyRecoverIntro: "We will email you a link to add a new passkey to your account.",
  passkeyRecoverSend: "Email me a link",
  // Not "a link": an account with an authenticator gets an email that says how to get back in instead.
  passkeyRecoverSent: "If an account uses {email}, an email with what to do next is on its way.",
  passkeyRecoverBody: "Make a passkey on this device for your account.",
  passkeyRecoverButton: "Add a passkey",
  passkeyRecoverDone: "Your new passkey is ready. Sign in with it.",
  passkeyRecoverInvalid: "This link no longer works. Ask for a new one.",
  passkeyGoToSignIn: "Go to sign in",
  accountPasskeysTitle: "Passkeys",
  accountPasskeysNone: "No passkeys yet.",
  accountPasskeyAdd: "Add a passkey",
  accountPasskeyAdded: "Passkey added.",
  accountPasskeyOnDevice: "This device already has a passkey for your account. Add one on another device or security key.",
  accountPasskeyRename: "Rename",
  accountPasskeyRemove: "Remove",
  accountPasskeyName: "Name of {name}",
  accountPasskeySave: "Save",
  accountPasskeyCreated: "Added {date}",
  accountPasskeyLastUsed: "last used {date}",
};
