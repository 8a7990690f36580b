/**
 * The built-in UI's strings for organizations (switcher, accept page, members pages, admin
 * listing), English. Spread into `en` (lib/i18n/en.ts), so they are part of `Messages` and every
 * language must translate them (lib/i18n/organizations-de.ts).
 */
export const organizationsEn = {
  // The header's switcher
  navOrganizations: "Organizations",
  orgSwitcherLabel: "Organization",
  orgPersonal: "Personal",
  orgSwitchFailed: "Could not switch the organization. Please try again.",

  // Roles in an organization
  orgRoleOwner: "Owner",
  orgRoleAdmin: "Admin",
  orgRoleMember: "Member",

  // The invitation link's page (/auth/accept-invitation)
  acceptTitle: "Join {organization}",
  acceptInvited: "{email} is invited to join {organization} as {role}.",
  acceptSignInFirst: "To accept, sign in with {email}, or create an account with it. You come back here afterwards.",
  acceptCreateAccount: "Create an account",
  acceptSignIn: "Sign in",
  acceptJoin: "Join {organization} as {role}",
  acceptJoined: "You joined {organization}.",
  acceptNotOpenTitle: "This invitation is no longer open",
  acceptNotOpen: "It was used, revoked or has expired. Ask the person who invited you for a new one.",
  acceptWrongAccount: "This invitation is for another email address. Sign in with the invited address to accept it.",
  acceptEmailMismatch:
    "You are signed in as {email}, but this invitation is for {invited}. Sign out, then open the link again and sign in with the invited address.",

  // My organizations (/account/organizations)
  orgsTitle: "Your organizations",
  orgsNone: "You belong to no organization yet.",
  orgsYourRole: "your role: {role}",
  orgsActive: "active",
  orgCreateTitle: "Create an organization",
  orgName: "Name",
  orgSlug: "Short name",
  orgSlugHint:
    "3 to 63 lower-case letters, digits and hyphens, starting with a letter. It names the organization in addresses and cannot be changed.",
  orgCreate: "Create organization",
  orgSlugInvalid: "Use 3 to 63 lower-case letters, digits and hyphens, starting with a letter and not ending with a hyphen.",
  orgSlugReserved: "This short name is reserved. Please choose another.",
  orgNameInvalid: "Please enter a name of up to 100 characters, without control or text-direction characters.",
  orgExists: "This short name is taken. Please choose another.",

  // One organization (/account/organizations/[slug])
  orgAllOrganizations: "← Your organizations",
  orgMembersTitle: "Members",
  orgYou: "{email} (you)",
  orgRoleOf: "Role of {email}",
  orgChangeRole: "Change role",
  orgRemoveMember: "Remove",
  orgInviteTitle: "Invite someone",
  orgInviteRole: "Role",
  orgInvite: "Send invitation",
  orgInvited: "Invitation sent to {email}.",
  orgInvitationsTitle: "Open invitations",
  orgNoInvitations: "No open invitations.",
  orgInvitationLine: "{email} as {role}, open until {date}",
  orgRevoke: "Revoke",
  orgSettingsLink: "Organization settings",
  orgLeaveTitle: "Leave",
  orgLeaveBody: "You lose access to {organization}. Someone must invite you again to come back.",
  orgLeave: "Leave {organization}",
  orgTransferTitle: "Transfer ownership",
  orgTransferBody: "The new owner takes over {organization}; you stay as an admin.",
  orgTransferTo: "New owner",
  orgTransfer: "Transfer ownership",
  orgDeleteTitle: "Delete the organization",
  orgDeleteBody: "Deletes {organization} with its memberships and invitations. The members’ accounts stay. It cannot be undone.",
  orgDeleteConfirm: "Type {slug} to confirm",
  orgDelete: "Delete organization",
  orgNotAllowed: "Your role in this organization does not allow that.",
  orgMemberIsOwner: "The owner cannot be changed, removed or leave: transfer ownership first.",
  orgNotAMember: "That person is no longer a member.",
  orgEmailDomainNotAllowed: "This organization does not accept addresses of that domain.",
  orgConfirmationMismatch: "What you typed is not the organization’s short name.",
  orgGone: "This organization no longer exists, or you are no longer a member.",
  orgSignInRequired:
    "This organization lets people in only through its own sign-in methods (such as its single sign-on). Sign out, then sign in with one of them to switch to it.",

  // The role-gated example (/account/organizations/[slug]/settings)
  orgSettingsTitle: "Settings of {organization}",
  orgSettingsBody: "Only the owner and the admins of {organization} reach this page, while it is their active organization.",
  orgSettingsSlug: "Short name",
  orgSettingsYourRole: "Your role",

  // Admin dashboard (/admin/organizations)
  adminNavigation: "Admin sections",
  adminNavUsers: "Users",
  adminNavOrganizations: "Organizations",
  adminOrganizationsTitle: "Organizations",
  adminNoOrganizations: "No organizations yet.",
  adminOrganizationsRange: "Organizations {first} to {last}",
  adminOrgSlug: "Short name",
  adminOrgName: "Name",
  adminOrgMembers: "Members",
  adminOrgCreated: "Created",
  adminPagesOfOrganizations: "Pages of organizations",
  adminFirstPage: "First page",
  adminAllOrganizations: "← All organizations",
  adminOrgLoginMethods: "Login methods",
  adminOrgAsPublic: "as the public tenant",
  adminOrgFactorsNotEnforced:
    "Its required second factor is not enforced: MFA is off in the configuration (mfa). Turn MFA on, or remove requiredSecondaryFactors.",
  adminOrgMembersCount: "Members ({count})",
  adminOrgMissing: "This organization does not exist (any more).",
  adminOrgRemoveMember: "Remove",
  adminOrgRemoveConfirm: "Yes, remove {member}",
  adminOrgRemoveNote: "Their sessions inside this organization end.",
  adminOrgActions: "Actions",
};
