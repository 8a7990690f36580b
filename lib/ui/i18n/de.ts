import type { Messages } from "./en";

/** German, shipped as the example of a second language. */
export const de: Messages = {
  signInTitle: "Anmelden",
  signUpTitle: "Registrieren",
  newHere: "Neu hier?",
  createAccount: "Konto erstellen",
  haveAccount: "Sie haben schon ein Konto?",
  signInInstead: "Stattdessen anmelden",
  email: "E-Mail",
  password: "Passwort",
  forgotPassword: "Passwort vergessen?",
  showPassword: "Passwort anzeigen",
  hidePassword: "Passwort verbergen",
  optional: "(optional)",
  wrongCredentials: "E-Mail-Adresse und Passwort passen nicht zusammen",
  general: "Etwas ist schiefgegangen. Bitte versuchen Sie es erneut.",
  javaScriptNeededSignIn: "Zum Anmelden wird JavaScript benötigt. Bitte aktivieren Sie es und laden Sie die Seite neu.",
  javaScriptNeededSignUp: "Zum Registrieren wird JavaScript benötigt. Bitte aktivieren Sie es und laden Sie die Seite neu.",
  legalPrefix: "Mit der Registrierung stimmen Sie unseren",
  termsOfService: "Nutzungsbedingungen",
  privacyPolicy: "Datenschutzhinweisen",
  and: "und",
  orContinueWith: "Oder weiter mit",
  otherAccounts: "Mit einem anderen Konto anmelden",
  continueWith: "Weiter mit {provider}",
};
