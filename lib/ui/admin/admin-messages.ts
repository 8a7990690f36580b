import type { Messages } from "../../i18n/en";
import { SERVER_MESSAGE_KEYS } from "../../i18n/server-messages";

// The admin dashboard's client components take only these strings from the server page (see
// MessagesOf in lib/ui/client-messages.ts): a plain module, so that the page can read the lists.

/** What `adminErrorText` (lib/ui/admin/admin-api.ts) may say, the server's own messages translated. */
export const ADMIN_ERROR_MESSAGES = [
  "adminSessionEnded",
  "adminServerRefused",
  ...SERVER_MESSAGE_KEYS,
] as const satisfies readonly (keyof Messages)[];

/** What lib/ui/admin/users-table.tsx shows, its errors included. */
export const USERS_TABLE_MESSAGES = [
  "javaScriptNeeded",
  "adminUsersLoadFailed",
  "adminUsersTitle",
  "adminSearchEmail",
  "adminSearchMethod",
  "adminMethodAny",
  "adminMethodEmailPassword",
  "adminMethodThirdParty",
  "adminMethodPasswordless",
  "adminOrder",
  "adminNewestFirst",
  "adminOldestFirst",
  "adminSearch",
  "adminIdMatches",
  "adminLoadingUsers",
  "adminNoUsersMatch",
  "adminUsersRange",
  "email",
  "verified",
  "adminSignInMethods",
  "adminJoined",
  "adminYes",
  "adminNo",
  "adminPasswordlessShort",
  "adminEmailPasswordShort",
  "adminPagesOfUsers",
  "adminPrevious",
  "adminPageNumber",
  "adminNext",
  ...ADMIN_ERROR_MESSAGES,
] as const satisfies readonly (keyof Messages)[];

/** What lib/ui/admin/user-detail.tsx shows, its errors included. */
export const USER_DETAIL_MESSAGES = [
  "adminUserLoadFailed",
  "adminActionFailed",
  "adminUserMissing",
  "adminLoadingUser",
  "adminAccount",
  "adminUserId",
  "adminJoined",
  "adminImported",
  "adminImportedFrom",
  "adminPasswordHash",
  "adminHashUpgraded",
  "adminHashAsImported",
  "email",
  "noEmail",
  "adminEmailVerified",
  "adminEmailNotVerified",
  "adminMarkVerified",
  "adminSignInMethods",
  "adminThirdPartyMethod",
  "adminPasswordlessMethod",
  "adminEmailPasswordMethod",
  "adminRoles",
  "adminNoRoles",
  "adminRemoveRole",
  "adminGrantRole",
  "adminChooseRole",
  "adminGrant",
  "adminRolesApplyLater",
  "adminSessionsTitle",
  "unknownDevice",
  "sessionDetails",
  "unknownIp",
  "adminRevoke",
  "adminNoSessions",
  "adminRevokeAll",
  "adminDeleteTitle",
  "adminDeleteBody",
  "adminDeleteUser",
  "adminConfirmDeletion",
  "adminDeletePermanently",
  "adminCancel",
  ...ADMIN_ERROR_MESSAGES,
] as const satisfies readonly (keyof Messages)[];

/** What lib/ui/admin/organization-member-remove.tsx shows, its errors included. */
export const ORGANIZATION_MEMBER_REMOVE_MESSAGES = [
  "adminOrgRemoveMember",
  "adminOrgRemoveConfirm",
  "adminOrgRemoveNote",
  "adminCancel",
  "adminActionFailed",
  ...ADMIN_ERROR_MESSAGES,
] as const satisfies readonly (keyof Messages)[];
