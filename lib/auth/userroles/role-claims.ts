import type { ResolvedConfig } from "../config";
import type { ClaimSource } from "../session/claim-source";
import type { ClaimValidator } from "../session/claim-validator";
import { MESSAGE } from "../wire-codes";

/** Payload keys, as SuperTokens names them, so supertokens-web-js's UserRoleClaim reads them. */
export const ROLES_CLAIM = "st-role";
export const PERMISSIONS_CLAIM = "st-perm";

const rolesSource: ClaimSource<string[]> = {
  key: ROLES_CLAIM,
  // Read with the account or session when the caller could (sign-in, refresh): no read of its own.
  fetchValue: async (ctx, userId, known) => known?.facts?.roles ?? ctx.stores.roles.getRolesForUser(userId),
};

const permissionsSource: ClaimSource<string[]> = {
  key: PERMISSIONS_CLAIM,
  fetchValue: async (ctx, userId, known) => known?.facts?.permissions ?? ctx.stores.roles.getPermissionsForUser(userId),
};

/** The role claims this configuration puts in sessions. */
export function roleClaimSources(config: ResolvedConfig): ClaimSource[] {
  return [...(config.userRoles.addRolesToSession ? [rolesSource] : []), ...(config.userRoles.addPermissionsToSession ? [permissionsSource] : [])];
}

function includesAll(id: string, required: string[], fromDatabase: ClaimSource<string[]>): ClaimValidator<string[]> {
  return {
    id,
    // checkDatabase reads the store whether or not the claim is in sessions: with
    // addRolesToSession off there is no claim source, and the token's key holds nothing the
    // engine wrote (the admin API, which always checks the database, would otherwise refuse
    // every admin session).
    fetchFromDatabase: (ctx, userId) => fromDatabase.fetchValue(ctx, userId),
    validate(value) {
      const missing = required.find((item) => !Array.isArray(value) || !value.includes(item));
      return missing === undefined
        ? undefined
        : { id, reason: { message: MESSAGE.WRONG_VALUE, expectedToInclude: missing, actualValue: value ?? null } };
    },
  };
}

/** Passes when the session holds every one of the roles. */
export const hasAllRoles = (roles: string[]) => includesAll(ROLES_CLAIM, roles, rolesSource);
/** Passes when the session holds every one of the permissions. */
export const hasAllPermissions = (permissions: string[]) => includesAll(PERMISSIONS_CLAIM, permissions, permissionsSource);
