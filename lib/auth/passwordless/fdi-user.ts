import type { EngineContext } from "../context";
import { toFdiUserWithLoginMethods } from "../thirdparty/fdi-user";
import type { UserRow } from "../ports";
import type { FdiUser } from "../user";

/** Gatehouse has no tenants yet; the FDI expects the default tenant to be named. */
const DEFAULT_TENANT = "public";

/**
 * The FDI user with all its login methods, its passwordless one included, and the user row it was
 * read from (the session's claims come from that row, not from a second read). Null when the user
 * is gone: an operator deleted it while it was signing in, which each caller answers as a refusal.
 */
export async function passwordlessFdiUser(ctx: EngineContext, userId: string): Promise<{ user: FdiUser; row: UserRow } | null> {
  const methods = await ctx.stores.thirdParty.getLoginMethods(userId);
  if (!methods) return null;
  const account = await ctx.stores.passwordless.getAccountByUserId(userId);
  const user = toFdiUserWithLoginMethods(methods);
  const { user: row } = methods;
  if (!account) return { user, row };
  user.loginMethods.push({
    tenantIds: [DEFAULT_TENANT],
    timeJoined: row.timeJoined.getTime(),
    recipeId: "passwordless",
    recipeUserId: row.id,
    // A number was proven by its code; an address is verified while it is the user's verified one.
    verified: account.email ? row.emailVerified && row.email === account.email : true,
    ...(account.email ? { email: account.email } : {}),
    ...(account.phoneNumber ? { phoneNumber: account.phoneNumber } : {}),
  });
  if (account.email && !user.emails.includes(account.email)) user.emails.push(account.email);
  if (account.phoneNumber) user.phoneNumbers = [account.phoneNumber];
  user.isPrimaryUser = user.loginMethods.length > 1;
  return { user, row };
}
