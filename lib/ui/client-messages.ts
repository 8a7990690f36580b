import type { Messages } from "../i18n/en";
import { SERVER_MESSAGE_KEYS } from "../i18n/server-messages";

/**
 * The strings a client component takes, and no others. A client component's props are
 * serialised into the HTML of every page that renders it, so a server component passing the
 * whole dictionary (about 20 KB) to a header button sends it with every signed-in page view.
 * Typed so that passing the whole dictionary does not compile: pick the keys with `pickMessages`.
 *
 * Each client component's key list sits in a plain module beside it (a server page cannot read
 * a value exported by a "use client" module). A list spreads the lists of the components and
 * helpers it passes its strings on to; lib/ui/client-message-lists.test.ts checks every list against
 * the keys its component reads.
 */
export type MessagesOf<K extends keyof Messages> = Pick<Messages, K> & { [Other in Exclude<keyof Messages, K>]?: never };

/**
 * The `keys` of a dictionary, as a new object (the dictionary is left as it is). `t` may be a
 * picked dictionary itself: a client component picks its child's strings from its own.
 */
export function pickMessages<K extends keyof Messages>(t: Pick<Messages, NoInfer<K>>, keys: readonly K[]): MessagesOf<K> {
  const picked = {} as Pick<Messages, K>;
  for (const key of keys) picked[key] = t[key];
  return picked as MessagesOf<K>;
}

/** What lib/ui/sign-out-button.tsx shows. */
export const SIGN_OUT_BUTTON_MESSAGES = ["signOut", "signingOut"] as const satisfies readonly (keyof Messages)[];

/** What `messageOf` (lib/ui/fdi-post.ts) may say about a refused call, the server's own messages translated. */
export const FDI_ERROR_MESSAGES = [
  "crossOriginRefused",
  "serviceUnavailable",
  "general",
  ...SERVER_MESSAGE_KEYS,
] as const satisfies readonly (keyof Messages)[];

/** What lib/ui/dev-outbox-notice.tsx shows. */
export const DEV_OUTBOX_NOTICE_MESSAGES = ["devOutboxNotice"] as const satisfies readonly (keyof Messages)[];

/** The role names `roleName` (lib/ui/organization-api.ts) writes. */
export const ROLE_NAME_MESSAGES = ["orgRoleOwner", "orgRoleAdmin", "orgRoleMember"] as const satisfies readonly (keyof Messages)[];

/** What `deviceName` (lib/ui/device-name.ts) may call a device. */
export const DEVICE_NAME_MESSAGES = ["unknownDevice", "deviceBrowserOnOs"] as const satisfies readonly (keyof Messages)[];

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
  "orgSignInRequired",
  "serviceUnavailable",
  "general",
  // A limit's 429 (invitations) says when to try again, as the server wrote it.
  ...SERVER_MESSAGE_KEYS,
] as const satisfies readonly (keyof Messages)[];

/** What lib/ui/organization-switcher.tsx shows, its refusals included. */
export const ORGANIZATION_SWITCHER_MESSAGES = [
  "orgSwitcherLabel",
  "orgSwitchFailed",
  "orgPersonal",
  ...ORGANIZATION_ERROR_MESSAGES,
] as const satisfies readonly (keyof Messages)[];
