import { z } from "zod";
import type { Endpoint } from "../endpoint";
import { revokeAllSessionsForUser, revokeSessionOfUser } from "../../auth/session/session-revocation";
import { listSessionsForUser, sessionSummaryJson } from "../../auth/session/session-info";
import { setUserPassword, verifyUserEmail } from "../../auth/users/user-admin-actions";
import type { SignInMethod, UserSummaryRow } from "../../auth/ports/user-admin-store";
import { findUsersById, getImportOrigin, type ImportOrigin } from "../../auth/users/imported-users";
import * as users from "../../auth/users/users";
import { asAdmin } from "../admin-auth";
import { parseBody, readWholeNumberParam } from "../parse";
import { badInput, json } from "../respond";

/**
 * The admin API for users and their sessions (Gatehouse's own, beyond the FDI). Every handler
 * first passes verifyAdmin: an API key or an `admin` session. Times are milliseconds.
 */

type Handler = Endpoint;

const unknownUser = () => json({ status: "UNKNOWN_USER_ERROR" }, 404);

export function userJson(user: UserSummaryRow) {
  return {
    id: user.id,
    email: user.email,
    emailVerified: user.emailVerified,
    timeJoined: user.timeJoined.getTime(),
    loginMethods: user.loginMethods,
  };
}

/** An imported user's origin; times in ms. */
function importOriginJson(origin: ImportOrigin | null) {
  return origin && { ...origin, importedAt: origin.importedAt.getTime() };
}

const METHODS: SignInMethod[] = ["emailpassword", "thirdparty", "passwordless"];

/** `?email=` (prefix) and `?method=`, shared by the list and the count. */
function readFilter(query: URLSearchParams): { ok: true; value: users.GetUsersInput } | { ok: false; response: Response } {
  const email = query.get("email") ?? undefined;
  if (email !== undefined && email.length > 255) return { ok: false, response: badInput("email: at most 255 characters") };
  const method = query.get("method") ?? undefined;
  if (method !== undefined && !METHODS.includes(method as SignInMethod)) {
    return { ok: false, response: badInput(`method: one of ${METHODS.join(", ")}`) };
  }
  return { ok: true, value: { emailPrefix: email, method: method as SignInMethod | undefined } };
}

/** GET /admin/users?order=newest|oldest&limit=&paginationToken=&email=&method= */
const handleListUsers = asAdmin(async (ctx, request) => {
  const query = new URL(request.url).searchParams;
  const filter = readFilter(query);
  if (!filter.ok) return filter.response;
  const order = query.get("order") ?? "newest";
  if (order !== "newest" && order !== "oldest") return badInput("order: newest or oldest");
  const limit = readWholeNumberParam(query, "limit", { min: 1, max: users.MAX_PAGE_SIZE });
  if (!limit.ok) return limit.response;
  const input = { ...filter.value, limit: limit.value, paginationToken: query.get("paginationToken") ?? undefined };
  const result = order === "newest" ? await users.getUsersNewestFirst(ctx, input) : await users.getUsersOldestFirst(ctx, input);
  if (result.status !== "OK") return badInput("paginationToken: not a token from a previous page of this order");
  return json({
    status: "OK",
    users: result.users.map(userJson),
    ...(result.nextPaginationToken && { nextPaginationToken: result.nextPaginationToken }),
  });
});

/** GET /admin/users/count?email=&method= */
const handleCountUsers = asAdmin(async (ctx, request) => {
  const filter = readFilter(new URL(request.url).searchParams);
  if (!filter.ok) return filter.response;
  return json({ status: "OK", count: await users.getUserCount(ctx, filter.value) });
});

/** GET /admin/users/:userId: the user, and `imported` (source, old id, password hash upgraded or not) or null. */
const handleGetUser = asAdmin(async (ctx, _request, params) => {
  const user = await users.getUser(ctx, params.userId);
  if (!user) return unknownUser();
  return json({ status: "OK", user: userJson(user), imported: importOriginJson(await getImportOrigin(ctx, user)) });
});

/** GET /admin/users/lookup?id=: the user with this id and those imported under it as their old id (emails not needed). */
const handleLookupUsers = asAdmin(async (ctx, request) => {
  const id = new URL(request.url).searchParams.get("id");
  if (id === null || id.trim() === "" || id.length > 191) return badInput("id: 1 to 191 characters");
  return json({ status: "OK", users: (await findUsersById(ctx, id)).map(userJson) });
});

/** DELETE /admin/users/:userId */
const handleDeleteUser = asAdmin(async (ctx, _request, params) => json(await users.deleteUser(ctx, params.userId)));

/** POST /admin/users/:userId/email/verify */
const handleVerifyEmail = asAdmin(async (ctx, _request, params) => {
  const result = await verifyUserEmail(ctx, params.userId);
  if (result.status === "UNKNOWN_USER_ERROR") return unknownUser();
  return json(result, result.status === "OK" ? 200 : 400);
});

const passwordBody = z.object({ password: z.string().min(1).max(4096) }).strict();

/** POST /admin/users/:userId/password {password} */
const handleSetPassword = asAdmin(async (ctx, request, params) => {
  const body = await parseBody(request, passwordBody);
  if (!body.ok) return body.response;
  const result = await setUserPassword(ctx, params.userId, body.value.password);
  if (result.status === "UNKNOWN_USER_ERROR") return unknownUser();
  return json(result, result.status === "NO_EMAIL_PASSWORD_ACCOUNT_ERROR" ? 400 : 200);
});

/** GET /admin/users/:userId/sessions: the user's live sessions, oldest first. */
const handleListSessions = asAdmin(async (ctx, _request, params) => {
  if (!(await users.getUser(ctx, params.userId))) return unknownUser();
  return json({ status: "OK", sessions: (await listSessionsForUser(ctx, params.userId)).map(sessionSummaryJson) });
});

const revokeBody = z.union([z.object({ sessionHandle: z.string().min(1).max(191) }).strict(), z.object({ all: z.literal(true) }).strict()]);

/** POST /admin/users/:userId/sessions/revoke {sessionHandle} | {all: true} */
const handleRevokeSessions = asAdmin(async (ctx, request, params) => {
  const body = await parseBody(request, revokeBody);
  if (!body.ok) return body.response;
  if (!(await users.getUser(ctx, params.userId))) return unknownUser();
  if ("all" in body.value) return json({ status: "OK", revoked: await revokeAllSessionsForUser(ctx, params.userId) });
  const { sessionHandle } = body.value;
  // Only the user's own sessions: a handle from another user is answered as unknown.
  if (!(await revokeSessionOfUser(ctx, params.userId, sessionHandle))) return json({ status: "UNKNOWN_SESSION_ERROR" }, 404);
  return json({ status: "OK", revoked: [sessionHandle] });
});

/** GET /admin/stats/signups?days=30: sign-ups per UTC day, oldest first; 400 BAD_INPUT_ERROR for days outside 1–366. */
const handleSignUpStats = asAdmin(async (ctx, request) => {
  const days = readWholeNumberParam(new URL(request.url).searchParams, "days", { min: 1, max: users.MAX_SIGN_UP_STATS_DAYS });
  if (!days.ok) return days.response;
  return json({ status: "OK", days: await users.getSignUpsPerDay(ctx, days.value ?? 30) });
});

/** Spread into the route table (lib/http/routes.ts). */
export const ADMIN_USER_ROUTES: Record<string, Partial<Record<string, Handler>>> = {
  "/admin/users": { GET: handleListUsers },
  "/admin/users/count": { GET: handleCountUsers },
  "/admin/users/lookup": { GET: handleLookupUsers },
  "/admin/users/:userId": { GET: handleGetUser, DELETE: handleDeleteUser },
  "/admin/users/:userId/email/verify": { POST: handleVerifyEmail },
  "/admin/users/:userId/password": { POST: handleSetPassword },
  "/admin/users/:userId/sessions": { GET: handleListSessions },
  "/admin/users/:userId/sessions/revoke": { POST: handleRevokeSessions },
  "/admin/stats/signups": { GET: handleSignUpStats },
};
