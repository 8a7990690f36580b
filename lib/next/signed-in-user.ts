import { activeOrganizationOf } from "../auth/organizations/organization-claim";
import { validateClaims } from "../auth/session/validate-claims";
import { hasAllRoles } from "../auth/userroles/role-claims";
import { gatehouse } from "../gatehouse";
import { ADMIN_ROLE } from "../http/admin-auth";
import { getSession } from "./get-session";
import { incompleteMfaErrors } from "./mfa-redirect";

/** Who the page's header shows: enough to greet the user and pick the links. */
export type SignedInUser =
  | {
      status: "SIGNED_IN";
      email: string | null;
      isAdmin: boolean;
      /** The organizations the user belongs to (for the switcher); empty for most users. */
      organizations: { id: string; name: string }[];
      /** The session's active organization, from the token's `gh-org` claim; null: personal. */
      activeOrganizationId: string | null;
    }
  /** The access token expired: a session exists, but who it is becomes known after a refresh. */
  | { status: "REFRESH_NEEDED" }
  | { status: "SIGNED_OUT" };

/**
 * The visitor as an app shell needs it. The email and the organizations are read from the
 * database (neither is in the access token), together in one statement; the admin link follows
 * the token's roles, as of its last refresh. The admin page itself checks the role against the
 * database.
 */
export async function getSignedInUser(): Promise<SignedInUser> {
  const result = await getSession();
  if (result.status === "TRY_REFRESH_TOKEN_ERROR") return { status: "REFRESH_NEEDED" };
  if (result.status !== "OK") return { status: "SIGNED_OUT" };
  const ctx = gatehouse();
  // A session without its second factor reaches nothing of the account but the factor pages
  // (docs/mfa.md): the header then offers sign-out with the address that signed in, and no
  // organization names nor admin link, which a password alone must not reveal.
  if (await incompleteMfaErrors(ctx, result.session)) {
    const user = await ctx.stores.users.getUserById(result.session.userId);
    return { status: "SIGNED_IN", email: user?.email ?? null, isAdmin: false, organizations: [], activeOrganizationId: null };
  }
  const [found, roleErrors] = await Promise.all([
    ctx.stores.organizations.getUserWithOrganizations(result.session.userId),
    validateClaims(ctx, result.session, [hasAllRoles([ADMIN_ROLE])]),
  ]);
  return {
    status: "SIGNED_IN",
    email: found?.user.email ?? null,
    isAdmin: roleErrors.length === 0,
    organizations: found?.organizations ?? [],
    activeOrganizationId: activeOrganizationOf(result.session.accessTokenPayload)?.id ?? null,
  };
}
