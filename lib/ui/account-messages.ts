import type { Messages } from "../i18n/en";
import { FDI_ERROR_MESSAGES, DEVICE_NAME_MESSAGES } from "./client-messages";

// The strings the account pages' client components take from the server page (see MessagesOf
// in lib/ui/client-messages.ts): /account, /account/sessions and the second factor's /auth/mfa.
// A plain module, so that a server page can read the lists.

/** What lib/ui/change-password-form.tsx shows, its errors included. */
export const CHANGE_PASSWORD_FORM_MESSAGES = [
  "passwordsDoNotMatch",
  "passwordChanged",
  "currentPasswordWrong",
  "general",
  "showPassword",
  "hidePassword",
  "changePassword",
  "javaScriptNeeded",
  "currentPassword",
  "newPassword",
  "confirmNewPassword",
  "stepUpBeforePasswordChange",
  "confirmItIsYou",
  ...FDI_ERROR_MESSAGES,
] as const satisfies readonly (keyof Messages)[];

/** What lib/ui/account-passkeys.tsx shows, its errors included. */
export const ACCOUNT_PASSKEYS_MESSAGES = [
  "general",
  "accountPasskeyOnDevice",
  "passkeyFailed",
  "accountPasskeyAdded",
  "accountPasskeysTitle",
  "accountPasskeysNone",
  "accountPasskeyName",
  "accountPasskeyRename",
  "accountPasskeyRemove",
  "accountPasskeyCreated",
  "accountPasskeyLastUsed",
  "accountPasskeyAdd",
  ...FDI_ERROR_MESSAGES,
] as const satisfies readonly (keyof Messages)[];

/** What lib/ui/recovery-codes.tsx shows. */
export const RECOVERY_CODES_MESSAGES = [
  "mfaRecoveryCodesTitle",
  "mfaRecoveryCodesIntro",
  "mfaRecoveryCodesSaved",
] as const satisfies readonly (keyof Messages)[];

/** What lib/ui/totp-setup.tsx shows, the recovery codes it ends with included. */
export const TOTP_SETUP_MESSAGES = [
  "general",
  "totpSetupsUnfinished",
  "tooManyTotpDevices",
  "totpClosesLastWayIn",
  "mfaInvalidCode",
  "mfaLimitReached",
  "mfaSetUpTitle",
  "mfaSetUpStart",
  "mfaSetUpScan",
  "mfaQrAlt",
  "mfaManualKey",
  "mfaCode",
  "mfaVerify",
  ...RECOVERY_CODES_MESSAGES,
] as const satisfies readonly (keyof Messages)[];

/** What lib/ui/mfa-security.tsx shows, with the set-up and the new recovery codes it may show instead. */
export const MFA_SECURITY_MESSAGES = [
  "general",
  "mfaSecurityTitle",
  "mfaStatusOn",
  "mfaStatusOff",
  "mfaRemoveDevice",
  "mfaRecoveryCodesLeft",
  "mfaRecoveryCodesNew",
  ...RECOVERY_CODES_MESSAGES,
  ...TOTP_SETUP_MESSAGES,
] as const satisfies readonly (keyof Messages)[];

/** What lib/ui/mfa-challenge.tsx shows. */
export const MFA_CHALLENGE_MESSAGES = [
  "javaScriptNeeded",
  "mfaInvalidCode",
  "mfaInvalidRecoveryCode",
  "mfaLimitReached",
  "general",
  "mfaTitle",
  "mfaStepUp",
  "mfaEnterCode",
  "mfaRecoveryCodesIntro",
  "mfaCode",
  "mfaRecoveryCode",
  "mfaVerify",
  "mfaUseRecoveryCode",
  "mfaUseAuthenticator",
] as const satisfies readonly (keyof Messages)[];

/** What lib/ui/my-sessions.tsx shows, the devices' names included. */
export const MY_SESSIONS_MESSAGES = [
  "sessionsLoadFailed",
  "sessionRevokeFailed",
  "loadingSessions",
  "sessionsTitle",
  "thisDevice",
  "sessionDetails",
  "unknownIp",
  "signOutDevice",
  "signOut",
  "signOutOtherDevices",
  ...DEVICE_NAME_MESSAGES,
] as const satisfies readonly (keyof Messages)[];
