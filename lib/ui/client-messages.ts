import type { Messages } from "../i18n/en";

/**
 * The strings a client component takes, and no others. A client component's props are
 * serialised into the HTML of every page that renders it, so a server component passing the
 * whole dictionary (about 20 KB) to a header button sends it with every signed-in page view.
 * Typed so that passing the whole dictionary does not compile: pick the keys with `pickMessages`.
 */
export type MessagesOf<K extends keyof Messages> = Pick<Messages, K> & { [Other in Exclude<keyof Messages, K>]?: never };

/** The `keys` of a dictionary, as a new object (the dictionary is left as it is). */
export function pickMessages<K extends keyof Messages>(t: Messages, keys: readonly K[]): MessagesOf<K> {
  const picked = {} as Pick<Messages, K>;
  for (const key of keys) picked[key] = t[key];
  return picked as MessagesOf<K>;
}

/** What lib/ui/sign-out-button.tsx shows. */
export const SIGN_OUT_BUTTON_MESSAGES = ["signOut", "signingOut"] as const satisfies readonly (keyof Messages)[];

/** What `organizationMessage` (lib/ui/organization-api.ts) may say about a refused call. */
export const ORGANIZATION_ERROR_MESSAGES = [
  "crossOriginRefused",
  "orgSlugInvalid",
  "orgSlugReserved",
  "orgNameInvalid",
  "orgExists",
  "emailInvalid",
  "orgEmailDomainNotAllowed",
  "orgNotAllowed",
  "orgMemberIsOwner",
  "orgNotAMember",
  "orgConfirmationMismatch",
  "acceptNotOpenTitle",
  "acceptNotOpen",
  "acceptWrongAccount",
  "orgGone",
  "serviceUnavailable",
  "general",
] as const satisfies readonly (keyof Messages)[];

/** What lib/ui/organization-switcher.tsx shows, its refusals included. */
export const ORGANIZATION_SWITCHER_MESSAGES = [
  "orgSwitcherLabel",
  "orgSwitchFailed",
  "orgPersonal",
  ...ORGANIZATION_ERROR_MESSAGES,
] as const satisfies readonly (keyof Messages)[];
