import { en, type Messages } from "./en";
import { format } from "./index";

/**
 * The messages the server writes in English (the FDI's language): built-in validators, sign-up
 * conflicts, rate limits, delivery failures, third-party refusals and a tenant's. Their English text is the
 * dictionary's, so an answer can be recognised and shown in the UI's language.
 */
export const SERVER_MESSAGE_KEYS = [
  "fieldRequired",
  "emailInvalid",
  "passwordTooShort",
  "passwordTooLong",
  "passwordNeedsLetter",
  "passwordNeedsDigit",
  "emailExists",
  "commonPassword",
  "tooManyRequests",
  "emailNotSent",
  "serviceUnavailable",
  "linkingOff",
  "providerUnverified",
  "existingUnverified",
  "signInMethodRemoved",
  "tenantSignUpClosed",
  "tenantNotAMember",
  "accountDeleted",
  "tenantEmailNotVerified",
  "totpSetupsUnfinished",
  "tooManyTotpDevices",
  "tooManyPasskeys",
  "lastPasskey",
  "totpClosesLastWayIn",
] as const satisfies readonly (keyof Messages)[];

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Each English template as a whole-string pattern; `{name}` captures one run of non-space text. */
const PATTERNS = SERVER_MESSAGE_KEYS.map((key) => {
  const names: string[] = [];
  const source = en[key]
    .split(/(\{\w+\})/)
    .map((part) => {
      const placeholder = /^\{(\w+)\}$/.exec(part);
      if (!placeholder) return escape(part);
      names.push(placeholder[1]);
      return "(\\S+)";
    })
    .join("");
  return { key, names, pattern: new RegExp(`^${source}$`) };
});

/**
 * A message from the server (or from a built-in validator run in the browser) in the UI's
 * language. Anything else, such as a deployer's own validator message, is shown as written.
 */
export function localiseServerMessage(message: string, t: Pick<Messages, (typeof SERVER_MESSAGE_KEYS)[number]>): string {
  if (t === en) return message; // a copy of `en` (a server page's prop, a picked list) maps each message to itself
  for (const { key, names, pattern } of PATTERNS) {
    const match = pattern.exec(message);
    if (match) return format(t[key], Object.fromEntries(names.map((name, i) => [name, match[i + 1]])));
  }
  return message;
}
