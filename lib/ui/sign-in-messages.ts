import type { Messages } from "../i18n/en";
import { SERVER_MESSAGE_KEYS } from "../i18n/server-messages";
import { FDI_ERROR_MESSAGES } from "./client-messages";

// The strings the sign-in pages' client components take from the server page (see MessagesOf
// in lib/ui/client-messages.ts): /auth, the magic link's, the provider callback's, the refresh
// and the passkey recovery pages. A plain module, so that a server page can read the lists.

/** What lib/ui/auth-form.tsx shows (sign-in and sign-up), its errors included. */
export const AUTH_FORM_MESSAGES = [
  "signUpTitle",
  "signInTitle",
  "wrongCredentials",
  "serviceUnavailable",
  "general",
  "javaScriptNeededSignUp",
  "javaScriptNeededSignIn",
  "haveAccount",
  "newHere",
  "signInInstead",
  "createAccount",
  "email",
  "password",
  "showPassword",
  "hidePassword",
  "forgotPassword",
  "optional",
  "legalPrefix",
  "termsOfService",
  "and",
  "privacyPolicy",
  ...FDI_ERROR_MESSAGES,
] as const satisfies readonly (keyof Messages)[];

/** What lib/ui/passwordless-form.tsx shows, its errors included. */
export const PASSWORDLESS_FORM_MESSAGES = [
  "general",
  "passwordlessWrongCode",
  "passwordlessExpiredCode",
  "passwordlessRestart",
  "passwordlessResent",
  "passwordlessTitle",
  "javaScriptNeededSignIn",
  "passwordlessIntroLink",
  "passwordlessIntroCode",
  "passwordlessIntroBoth",
  "email",
  "passwordlessSendCode",
  "passwordlessSendLink",
  "passwordlessCheckInbox",
  "passwordlessSentTo",
  "passwordlessLinkHint",
  "passwordlessCode",
  "passwordlessSubmitCode",
  "passwordlessResendIn",
  "passwordlessResend",
  "passwordlessOtherAddress",
  ...FDI_ERROR_MESSAGES,
] as const satisfies readonly (keyof Messages)[];

/** What lib/ui/passkey-sign-in.tsx shows, its errors included. */
export const PASSKEY_SIGN_IN_MESSAGES = [
  "general",
  "passkeyFailed",
  "passkeyUnknown",
  "passkeyNotSupported",
  "passkeyEmailTaken",
  "emailInvalid",
  "passkeyOr",
  "passkeyIntro",
  "passkeySignIn",
  "email",
  "passkeyCreateAccount",
  "passkeyLost",
  ...FDI_ERROR_MESSAGES,
] as const satisfies readonly (keyof Messages)[];

/** What lib/ui/passkey-recover.tsx shows, its errors included. */
export const PASSKEY_RECOVER_MESSAGES = [
  "javaScriptNeeded",
  "general",
  "passkeyRecoverSent",
  "emailInvalid",
  "passkeyFailed",
  "passkeyRecoverInvalid",
  "passkeyRecoverTitle",
  "passkeyRecoverDone",
  "passkeyGoToSignIn",
  "passkeyRecoverBody",
  "passkeyRecoverButton",
  "passkeyRecoverIntro",
  "email",
  "passkeyRecoverSend",
  ...FDI_ERROR_MESSAGES,
] as const satisfies readonly (keyof Messages)[];

/** What lib/ui/passwordless-link.tsx (the magic link's page) shows, the server's refusals translated. */
export const PASSWORDLESS_LINK_MESSAGES = [
  "javaScriptNeeded",
  "general",
  "crossOriginRefused",
  "serviceUnavailable",
  "passwordlessLinkTitle",
  "passwordlessLinkBody",
  "passwordlessLinkButton",
  "passwordlessLinkSigningIn",
  "passwordlessLinkInvalidTitle",
  "somethingWentWrong",
  "passwordlessLinkInvalidBody",
  "passwordlessStartAgain",
  ...SERVER_MESSAGE_KEYS,
] as const satisfies readonly (keyof Messages)[];

/** What `CallbackError` (lib/ui/third-party-callback.tsx) shows besides the title and message it is given. */
export const CALLBACK_ERROR_MESSAGES = ["backToSignIn"] as const satisfies readonly (keyof Messages)[];

/** What `ThirdPartyCallback` (lib/ui/third-party-callback.tsx) shows, its error card and the server's refusals included. */
export const THIRD_PARTY_CALLBACK_MESSAGES = [
  "providerFailed",
  "providerUnreachable",
  "noSignInInProgress",
  "noEmailFromProvider",
  "general",
  "signingInWith",
  "signInWithFailed",
  ...CALLBACK_ERROR_MESSAGES,
  ...SERVER_MESSAGE_KEYS,
] as const satisfies readonly (keyof Messages)[];

/** What lib/ui/refresh-and-return.tsx shows: one status line, the page must carry nothing else of the app. */
export const REFRESH_AND_RETURN_MESSAGES = ["refreshingSession"] as const satisfies readonly (keyof Messages)[];
