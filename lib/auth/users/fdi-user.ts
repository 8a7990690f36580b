import type { EngineContext } from "../context";
import { passwordlessFdiUser } from "../passwordless/fdi-user";
import type { UserRow } from "../ports";
import type { FdiUser } from "../user";
import { PUBLIC_TENANT_ID } from "../organizations/organization-names";

/**
 * The FDI user with all its login methods (a password, providers, a passwordless account, and a
 * `webauthn` one while the user has a passkey), and the user row it was read from (the session's
 * claims come from it). Null when the user is gone (passwordlessFdiUser). Every sign-in that is
 * not on the password hot path answers with it and hands it to the session hooks, so that one
 * user reached through several recipes is one user whichever it signs in with. (A password
 * sign-in answers with its own method only: its round trips are budgeted, round-trips.db.test.ts.)
 */
export async function fdiUserOf(ctx: EngineContext, userId: string): Promise<{ user: FdiUser; row: UserRow } | null> {
  const read = await passwordlessFdiUser(ctx, userId);
  if (!read) return null;
  const { user, row } = read;
  const credentials = await ctx.stores.webauthn.listCredentials(userId);
  if (credentials.length === 0) return { user, row };
  const credentialIds = credentials.map((c) => c.credentialId);
  user.webauthn = { credentialIds };
  user.loginMethods.push({
    // The public tenant only, as every login method (lib/auth/user.ts says why).
    tenantIds: [PUBLIC_TENANT_ID],
    timeJoined: row.timeJoined.getTime(),
    recipeId: "webauthn",
    recipeUserId: row.id,
    // A passkey proves no address: it is verified only while the user's email is.
    verified: row.emailVerified,
    ...(row.email ? { email: row.email } : {}),
    webauthn: { credentialIds },
  });
  if (row.email && !user.emails.includes(row.email)) user.emails.push(row.email);
  user.isPrimaryUser = user.loginMethods.length > 1;
  return { user, row };
}
