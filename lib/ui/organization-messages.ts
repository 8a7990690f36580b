import type { Messages } from "../i18n/en";
import { ORGANIZATION_ERROR_MESSAGES, ROLE_NAME_MESSAGES } from "./client-messages";

// The strings the organizations pages' client components take from the server page (see
// MessagesOf in lib/ui/client-messages.ts): /account/organizations, one organization's page and
// the invitation's. A plain module, so that a server page can read the lists. The header's
// switcher has its list in lib/ui/client-messages.ts.

/** What lib/ui/create-organization-form.tsx shows, its refusals included. */
export const CREATE_ORGANIZATION_FORM_MESSAGES = [
  "javaScriptNeeded",
  "general",
  "orgCreateTitle",
  "orgName",
  "orgSlug",
  "orgSlugHint",
  "orgCreate",
  ...ORGANIZATION_ERROR_MESSAGES,
] as const satisfies readonly (keyof Messages)[];

/** What lib/ui/organization-members.tsx shows, the role names and refusals included. */
export const ORGANIZATION_MEMBERS_MESSAGES = [
  "general",
  "orgMembersTitle",
  "orgYou",
  "adminJoined",
  "orgRoleOf",
  "orgChangeRole",
  "orgRemoveMember",
  ...ROLE_NAME_MESSAGES,
  ...ORGANIZATION_ERROR_MESSAGES,
] as const satisfies readonly (keyof Messages)[];

/** What lib/ui/organization-invitations.tsx shows, the role names and refusals included. */
export const ORGANIZATION_INVITATIONS_MESSAGES = [
  "javaScriptNeeded",
  "orgInvited",
  "general",
  "orgInviteTitle",
  "email",
  "orgInviteRole",
  "orgInvite",
  "orgInvitationsTitle",
  "orgNoInvitations",
  "orgInvitationLine",
  "orgRevoke",
  ...ROLE_NAME_MESSAGES,
  ...ORGANIZATION_ERROR_MESSAGES,
] as const satisfies readonly (keyof Messages)[];

/** What lib/ui/organization-danger-zone.tsx shows (leave, transfer, delete), its refusals included. */
export const ORGANIZATION_DANGER_ZONE_MESSAGES = [
  "general",
  "orgLeaveTitle",
  "orgLeaveBody",
  "orgLeave",
  "orgTransferTitle",
  "orgTransferBody",
  "orgTransferTo",
  "orgTransfer",
  "orgDeleteTitle",
  "orgDeleteBody",
  "orgDeleteConfirm",
  "orgDelete",
  ...ORGANIZATION_ERROR_MESSAGES,
] as const satisfies readonly (keyof Messages)[];

/** What lib/ui/accept-invitation.tsx shows, the role names and refusals included. */
export const ACCEPT_INVITATION_MESSAGES = [
  "javaScriptNeeded",
  "general",
  "acceptJoined",
  "acceptJoin",
  ...ROLE_NAME_MESSAGES,
  ...ORGANIZATION_ERROR_MESSAGES,
] as const satisfies readonly (keyof Messages)[];
