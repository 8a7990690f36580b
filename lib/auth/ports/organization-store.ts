/**
 * Storage of organizations (which are also tenants: docs/organizations.md), their members and
 * their invitations. Implemented on Prisma in lib/store/prisma-organization-store.ts and in
 * memory in lib/auth/testing/memory-organization-store.ts; both pass
 * lib/store/organization-store.contract.ts.
 *
 * The rules that must hold under concurrency live here, decided by the database: an
 * organization has exactly one owner, an invitation is accepted at most once, and nothing
 * outlives its organization. Who may do what is the engine's business (organizations/).
 */
import type { UserRow } from "./user-row";

/** The role that owns an organization: exactly one member holds it. */
export const OWNER_ROLE = "owner";

/** A configured provider offered on a tenant under the tenant's own client at the provider. */
export interface TenantProviderClient {
  id: string;
  clientId: string;
  /**
   * Stored sealed (lib/auth/thirdparty/tenant-client-secret.ts; plain in rows written before
   * sealing existed). Never answered by the admin API, the CLI or `loginmethods` (tenant-admin.ts redacts it).
   */
  clientSecret: string;
}

/** A tenant's login methods; an absent field means "as the public tenant". */
export interface TenantLoginMethods {
  /** The FDI's first-factor ids that are on: "emailpassword", "thirdparty", "otp-email", … */
  firstFactors?: string[];
  /** Configured third-party providers offered on this tenant: an id, or an id with the tenant's own client. */
  thirdPartyProviders?: (string | TenantProviderClient)[];
  /** Secondary factors ("totp", …) every session of this tenant must complete, beside the app's. */
  requiredSecondaryFactors?: string[];
  /** Whether a new user may sign up through this tenant; false means by invitation only. */
  signUpOpen?: boolean;
  /** Lower-case domains whose emails may sign up, sign in or be invited; absent means any. */
  allowedEmailDomains?: string[];
}

export interface OrganizationRow {
  /** The slug, which is also the tenant id. */
  id: string;
  name: string;
  /** Null: the tenant signs in as the public tenant does. */
  loginMethods: TenantLoginMethods | null;
  createdAt: Date;
}

export interface OrganizationMemberRow {
  organizationId: string;
  userId: string;
  role: string;
  joinedAt: Date;
}

export interface OrganizationInvitationRow {
  id: string;
  organizationId: string;
  /** Normalised email of the invitee. */
  email: string;
  /** The role the invitee gets on accepting (never the owner role). */
  role: string;
  /** sha256 (hex) of the token in the invitation link; the token itself is never stored. */
  tokenHash: string;
  invitedBy: string;
  createdAt: Date;
  expiresAt: Date;
  acceptedAt: Date | null;
  acceptedBy: string | null;
  revokedAt: Date | null;
}

export type CreateOrganizationResult = { status: "OK" } | { status: "ORGANIZATION_ALREADY_EXISTS" } | { status: "UNKNOWN_USER" };
export type AddMemberResult = { status: "OK" } | { status: "ALREADY_MEMBER" } | { status: "UNKNOWN_ORGANIZATION_OR_USER" };
/** Changing or removing a member: the owner is refused (ownership is transferred first). */
export type ChangeMemberResult = { status: "OK" } | { status: "NOT_A_MEMBER" } | { status: "MEMBER_IS_OWNER" };
export type TransferOwnershipResult = { status: "OK" } | { status: "NOT_THE_OWNER" } | { status: "NOT_A_MEMBER" };
export type AcceptInvitationResult =
  | { status: "OK"; invitation: OrganizationInvitationRow; membership: OrganizationMemberRow; wasAlreadyMember: boolean }
  /** Unknown token, or already accepted, revoked or expired: all the same to the caller. */
  | { status: "INVITATION_NOT_OPEN" }
  /** A concurrent accept of another invitation made the user a member first; this one stays open. */
  | { status: "RETRY" };

export interface OrganizationStore {
  /** Creates the organization and its owner's membership in one transaction. */
  createOrganization(input: { organization: OrganizationRow; ownerUserId: string }): Promise<CreateOrganizationResult>;
  getOrganization(id: string): Promise<OrganizationRow | null>;
  /** Organizations ordered by id, `limit` at a time after `afterId` (keyset pagination). */
  listOrganizations(page: { limit: number; afterId?: string }): Promise<OrganizationRow[]>;
  /**
   * The slugs (ordered, at most `limit`) of the organizations whose login methods require a
   * second factor (a non-empty `requiredSecondaryFactors`), and how many there are in all: what
   * `gatehouse doctor` names when MFA is off in the configuration and nothing enforces them.
   */
  listOrganizationsRequiringSecondaryFactors(limit: number): Promise<{ ids: string[]; total: number }>;
  /** Renames and/or sets the login methods; false for an unknown organization. */
  updateOrganization(id: string, change: { name?: string; loginMethods?: TenantLoginMethods | null }): Promise<boolean>;
  /** Deletes the organization with its memberships and invitations; the users stay. */
  deleteOrganization(id: string): Promise<boolean>;

  getMembership(organizationId: string, userId: string): Promise<OrganizationMemberRow | null>;
  /**
   * The organization and the user's membership of it (null: not a member), in one read: a
   * refresh of a session inside the organization checks it and mints `gh-org` from it. Null: no
   * such organization. `memberEmail` is the member's primary email as it is now (the tenant's
   * `allowedEmailDomains` judge it); null when they have none, or are no member.
   */
  getOrganizationWithMembership(
    organizationId: string,
    userId: string,
  ): Promise<{ organization: OrganizationRow; membership: OrganizationMemberRow | null; memberEmail: string | null } | null>;
  /** The organization's members, ordered by `joinedAt` then user id. */
  listMembers(organizationId: string): Promise<OrganizationMemberRow[]>;
  /** How many members each of these organizations has; an organization without members (or unknown) is absent. */
  countMembers(organizationIds: string[]): Promise<Map<string, number>>;
  /** The user's memberships with their organizations, ordered by organization id. */
  listMembershipsOfUser(userId: string): Promise<{ membership: OrganizationMemberRow; organization: OrganizationRow }[]>;
  /**
   * The user with the ids and names of their organizations (ordered by id), in one read: what an
   * app shell shows on every signed-in page view. Null: no such user.
   */
  getUserWithOrganizations(userId: string): Promise<{ user: UserRow; organizations: { id: string; name: string }[] } | null>;
  /** Adds a member (never as owner: the engine refuses that role). Concurrent adds: exactly one OK. */
  addMember(row: OrganizationMemberRow): Promise<AddMemberResult>;
  /** Sets a member's role, unless that member is the owner. */
  setMemberRole(organizationId: string, userId: string, role: string): Promise<ChangeMemberResult>;
  /** Removes a member, unless that member is the owner. */
  removeMember(organizationId: string, userId: string): Promise<ChangeMemberResult>;
  /**
   * Makes `toUserId` (a member) the owner and `fromUserId` (the owner) `formerOwnerRole`, in one
   * transaction: of concurrent transfers exactly one succeeds, and there is always one owner.
   */
  transferOwnership(input: {
    organizationId: string;
    fromUserId: string;
    toUserId: string;
    formerOwnerRole: string;
  }): Promise<TransferOwnershipResult>;

  /**
   * Stores an invitation and revokes (at `invitation.createdAt`) any open one for the same
   * organization and email. False for an unknown organization.
   */
  createInvitation(invitation: OrganizationInvitationRow): Promise<boolean>;
  findInvitationByTokenHash(tokenHash: string): Promise<OrganizationInvitationRow | null>;
  /** The organization's invitations still open at `now`, newest first. */
  listOpenInvitations(organizationId: string, now: Date): Promise<OrganizationInvitationRow[]>;
  /**
   * Deletes every invitation whose `expiresAt` is at or before `before`, open, accepted or
   * revoked (an expired one is answered as an unknown one); returns how many.
   */
  deleteInvitationsExpiredBefore(before: Date): Promise<number>;
  /** Revokes an invitation of this organization if it is still open; false otherwise. */
  revokeInvitation(organizationId: string, invitationId: string, now: Date): Promise<boolean>;
  /**
   * Accepts the open invitation with this token hash for `userId`, and makes the user a member
   * with the invitation's role (a user already a member keeps the role they have), in one
   * transaction. Of concurrent accepts of one invitation exactly one gets OK.
   */
  acceptInvitation(input: { tokenHash: string; userId: string; now: Date }): Promise<AcceptInvitationResult>;
}
