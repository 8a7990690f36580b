import type { Messages } from "../i18n/en";
import { DEV_OUTBOX_NOTICE_MESSAGES, FDI_ERROR_MESSAGES, SIGN_OUT_BUTTON_MESSAGES } from "./client-messages";

// The strings the client components of the pages an emailed link opens (password reset, email
// verification) take from the server page (see MessagesOf in lib/ui/client-messages.ts). A
// plain module, so that a server page can read the lists.

/** What lib/ui/reset-password-request-form.tsx shows, its errors and the dev outbox notice included. */
export const RESET_PASSWORD_REQUEST_FORM_MESSAGES = [
  "general",
  "resetSentTitle",
  "resetSentBody",
  "backToSignIn",
  "resetTitle",
  "javaScriptNeeded",
  "resetIntro",
  "email",
  "resetSubmit",
  ...FDI_ERROR_MESSAGES,
  ...DEV_OUTBOX_NOTICE_MESSAGES,
] as const satisfies readonly (keyof Messages)[];

/** What lib/ui/new-password-form.tsx shows, its errors included. */
export const NEW_PASSWORD_FORM_MESSAGES = [
  "passwordsDoNotMatch",
  "general",
  "passwordResetDoneTitle",
  "passwordResetDoneBody",
  "signInTitle",
  "linkExpiredTitle",
  "linkExpiredBody",
  "sendNewLink",
  "newPasswordTitle",
  "javaScriptNeeded",
  "newPassword",
  "showPassword",
  "hidePassword",
  "confirmNewPassword",
  "changePassword",
  ...FDI_ERROR_MESSAGES,
] as const satisfies readonly (keyof Messages)[];

/** What lib/ui/reset-password.tsx passes on: the request form's or the new-password form's strings. */
export const RESET_PASSWORD_MESSAGES = [
  ...RESET_PASSWORD_REQUEST_FORM_MESSAGES,
  ...NEW_PASSWORD_FORM_MESSAGES,
] as const satisfies readonly (keyof Messages)[];

/** What lib/ui/verify-email-link.tsx shows. */
export const VERIFY_EMAIL_LINK_MESSAGES = [
  "javaScriptNeeded",
  "confirmEmailTitle",
  "confirmEmailBody",
  "confirmEmailButton",
  "verifyingEmail",
  "emailVerifiedTitle",
  "emailVerifiedBody",
  "continue",
  "linkExpiredTitle",
  "somethingWentWrong",
  "linkExpiredBody",
  "verifyFailedBody",
  "sendNewLink",
] as const satisfies readonly (keyof Messages)[];

/** What lib/ui/verify-email-pending.tsx shows, its errors, the dev outbox notice and the sign-out button included. */
export const VERIFY_EMAIL_PENDING_MESSAGES = [
  "newLinkSent",
  "emailNotSent",
  "reloadPage",
  "checkingEmail",
  "verifyEmailTitle",
  "verifyEmailBody",
  "sendLinkAgain",
  "wrongAccount",
  ...FDI_ERROR_MESSAGES,
  ...DEV_OUTBOX_NOTICE_MESSAGES,
  ...SIGN_OUT_BUTTON_MESSAGES,
] as const satisfies readonly (keyof Messages)[];

/** What lib/ui/verify-email.tsx passes on: the link's page's or the pending page's strings. */
export const VERIFY_EMAIL_MESSAGES = [...VERIFY_EMAIL_LINK_MESSAGES, ...VERIFY_EMAIL_PENDING_MESSAGES] as const satisfies readonly (keyof Messages)[];
