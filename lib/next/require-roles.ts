import { forbidden } from "next/navigation";
import type { VerifiedSession } from "../auth/session/session";
import { validateClaims } from "../auth/session/validate-claims";
import { hasAllPermissions, hasAllRoles } from "../auth/userroles/role-claims";
import { hasOrganizationRole } from "../auth/organizations/organization-claim";
import { gatehouse } from "../gatehouse";
import { requireSession } from "./get-session";

/**
 * For a server component that needs roles or permissions: no session redirects to sign-in (or
 * through a refresh), and a session without every listed role/permission renders the 403 page
 * (`app/forbidden.tsx`, through Next's `forbidden()`). With `checkDatabase` the roles are read
 * from the database now; otherwise from the access token, i.e. as of the last refresh.
 *
 * @example const session = await requireRoles({ redirectToPath: "/admin", roles: ["admin"] });
 * @example const session = await requireRoles({ redirectToPath: "/org/settings", orgRoles: ["owner", "admin"] });
 */
export async function requireRoles(options: {
  redirectToPath: string;
  roles?: string[];
  permissions?: string[];
  /** Roles in the session's active organization (the `gh-org` claim), of which one is needed. */
  orgRoles?: string[];
  checkDatabase?: boolean;
}): Promise<VerifiedSession> {
  const session = await requireSession(options);
  const validators = [
    ...(options.roles?.length ? [hasAllRoles(options.roles)] : []),
    ...(options.permissions?.length ? [hasAllPermissions(options.permissions)] : []),
    ...(options.orgRoles?.length ? [hasOrganizationRole(options.orgRoles)] : []),
  ];
  const errors = await validateClaims(gatehouse(), session, validators, { fromDatabase: options.checkDatabase });
  if (errors.length > 0) forbidden();
  return session;
}
