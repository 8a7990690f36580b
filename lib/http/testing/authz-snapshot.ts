/**
 * What the authorization sweep compares and looks for: B's state read through the stores (not
 * the API, which could hide a change), the secrets of B's that no answer to A may carry, and
 * what A may see of its own (which A's own requests may have named after B's values).
 */
import { hashEmailToken } from "../../auth/email-tokens/email-token";
import { canManageMembers } from "../../auth/organizations/organization-names";
import type { AuthzWorld } from "./authz-world";

/** Arrays in a stable order, so that a store's listing order is no change. */
const sorted = <T>(rows: T[]) => [...rows].sort((x, y) => (JSON.stringify(x) < JSON.stringify(y) ? -1 : 1));

/** B's state, part by part (the sweep allows a route to change a named part, with its reason). */
export async function snapshotVictim(world: AuthzWorld): Promise<Record<string, unknown>> {
  const { stores, victim: v, attacker } = world;
  const now = world.clock.now();
  const account = await stores.users.findEmailPasswordAccountByEmail(v.email);
  const members = await stores.organizations.listMembers(v.organizationId);
  return {
    user: await stores.users.getUserById(v.userId),
    // The password hash, and the email the account is found by.
    emailPasswordAccount: account?.account ?? null,
    loginMethods: await stores.thirdParty.getLoginMethods(v.userId),
    sessions: await Promise.all(v.sessionHandles.map((handle) => stores.sessions.getSession(handle))),
    sessionHandles: sorted(await stores.sessions.listSessionHandlesForUser(v.userId, now)),
    totpDevices: sorted(await stores.mfa.listTotpDevices(v.userId)),
    recoveryCodes: await stores.mfa.countRecoveryCodes(v.userId),
    passkeys: sorted(await stores.webauthn.listCredentials(v.userId)),
    roles: sorted(await stores.roles.getRolesForUser(v.userId)),
    permissionsOfRole: await stores.roles.getPermissionsForRole(v.role),
    memberships: sorted(await stores.organizations.listMembershipsOfUser(v.userId)),
    organization: await stores.organizations.getOrganization(v.organizationId),
    ownerMembership: members.find((m) => m.userId === v.userId) ?? null,
    // A's own membership is A's to leave.
    otherMembers: sorted(members.filter((m) => m.userId !== v.userId && m.userId !== attacker.userId)),
    invitations: sorted(await stores.organizations.listOpenInvitations(v.organizationId, now)),
    verificationToken: await stores.emailVerificationTokens.findToken(hashEmailToken(v.verificationToken)),
    resetToken: await stores.passwordResetTokens.findToken(hashEmailToken(v.resetToken)),
    passwordlessSignIn: await stores.passwordless.getDevice(v.passwordless.preAuthSessionId),
  };
}

/** The parts of two snapshots that differ. */
export function changedParts(before: Record<string, unknown>, after: Record<string, unknown>): string[] {
  return Object.keys(before).filter((part) => JSON.stringify(before[part]) !== JSON.stringify(after[part]));
}

/**
 * B's values that no answer to A may carry unless A's request did. A member of B's
 * organization sees its name and its members' ids (GET /organizations, …/members): for A
 * inside it those are not secrets (nor, for an admin, the invitations: attackerOwnView).
 */
export function victimSecrets(world: AuthzWorld): { name: string; value: string }[] {
  const v = world.victim;
  const coMemberVisible = [
    { name: "B's user id", value: v.userId },
    { name: "B's organization's name", value: v.organizationName },
    ...v.members.map((m, i) => ({ name: `member ${i}'s user id`, value: m.userId })),
  ];
  return [
    { name: "B's email", value: v.email },
    ...v.sessionHandles.map((value, i) => ({ name: `B's session handle ${i}`, value })),
    { name: "B's session data", value: v.sessionDataMarker },
    { name: "B's TOTP device name", value: v.deviceName },
    { name: "B's TOTP secret", value: v.totpSecret },
    ...v.recoveryCodes.map((value, i) => ({ name: `B's recovery code ${i}`, value })),
    { name: "B's passkey id", value: v.passkeyId },
    { name: "B's passkey name", value: v.passkeyName },
    { name: "B's role", value: v.role },
    { name: "B's permission", value: v.permission },
    ...v.members.map((m, i) => ({ name: `member ${i}'s email`, value: m.email })),
    ...v.invitations.flatMap((invitation, i) => [
      { name: `invitation ${i}'s id`, value: invitation.id },
      { name: `invitation ${i}'s email`, value: invitation.email },
      { name: `invitation ${i}'s token`, value: invitation.token },
    ]),
    { name: "B's verification token", value: v.verificationToken },
    { name: "B's reset token", value: v.resetToken },
    { name: "B's passwordless device id", value: v.passwordless.deviceId },
    ...(world.variant === "outsider" ? coMemberVisible : []),
  ];
}

/**
 * Everything A may see as its own, as one string: its devices and passkeys (which it may have
 * named after B's, with B's values in its own requests), its organizations with their members,
 * and the invitations of those it manages (which may invite B's address).
 */
export async function attackerOwnView(world: AuthzWorld): Promise<string> {
  const { stores, attacker } = world;
  const memberships = await stores.organizations.listMembershipsOfUser(attacker.userId);
  const organizations = await Promise.all(
    memberships.map(async ({ membership, organization }) => ({
      organization,
      members: await stores.organizations.listMembers(organization.id),
      invitations: canManageMembers(membership.role) ? await stores.organizations.listOpenInvitations(organization.id, world.clock.now()) : [],
    })),
  );
  return JSON.stringify({
    user: await stores.users.getUserById(attacker.userId),
    totpDevices: await stores.mfa.listTotpDevices(attacker.userId),
    passkeys: await stores.webauthn.listCredentials(attacker.userId),
    organizations,
  });
}

/**
 * Undoes A's copies of B's values (a device A named as B's, an invitation of A's own organization
 * to B's address), which A's own view must excuse within the route that made them: so that
 * after it, B's value in an answer is a leak again.
 */
export async function dropAttackerCopies(world: AuthzWorld): Promise<void> {
  const { stores, attacker, victim } = world;
  const secrets = new Set(victimSecrets(world).map((s) => s.value));
  for (const device of await stores.mfa.listTotpDevices(attacker.userId)) {
    if (secrets.has(device.name)) await stores.mfa.deleteTotpDeviceById(attacker.userId, device.id);
  }
  for (const { organization } of await stores.organizations.listMembershipsOfUser(attacker.userId)) {
    if (organization.id === victim.organizationId) continue;
    for (const invitation of await stores.organizations.listOpenInvitations(organization.id, world.clock.now())) {
      if (secrets.has(invitation.email)) await stores.organizations.revokeInvitation(organization.id, invitation.id, world.clock.now());
    }
  }
}
