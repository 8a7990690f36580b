import { withAuditWrites } from "../auth/audit/audit-scope";
import * as revocation from "../auth/session/session-revocation";
import * as info from "../auth/session/session-info";
import { gatehouse } from "../gatehouse";

/**
 * The session engine bound to this app's composition root, for server code (route handlers,
 * server actions, scripts) that manages sessions by handle or by user:
 *
 * @example
 * import { revokeAllSessionsForUser } from "@/lib/next/session-api";
 * await revokeAllSessionsForUser(userId); // e.g. after a password change
 */
// Functions that record audit events return once the rows are written (lib/auth/audit/audit-scope.ts).
export const revokeSession = (sessionHandle: string) => withAuditWrites(gatehouse(), (ctx) => revocation.revokeSession(ctx, sessionHandle));
export const revokeAllSessionsForUser = (userId: string) => withAuditWrites(gatehouse(), (ctx) => revocation.revokeAllSessionsForUser(ctx, userId));
export const getAllSessionHandlesForUser = (userId: string) => info.getAllSessionHandlesForUser(gatehouse(), userId);
export const getSessionInformation = (sessionHandle: string) => info.getSessionInformation(gatehouse(), sessionHandle);
export const updateSessionData = (sessionHandle: string, data: Record<string, unknown>) => info.updateSessionData(gatehouse(), sessionHandle, data);
/** By handle: stored now, in that session's access token from its next refresh. */
export const mergeIntoAccessTokenPayload = (sessionHandle: string, patch: Record<string, unknown>) =>
  info.mergeIntoAccessTokenPayload(gatehouse(), sessionHandle, patch);
export const rotateSigningKeys = (options?: { retireOldKeys?: boolean }) =>
  withAuditWrites(gatehouse(), (ctx) => info.rotateSigningKeys(ctx, options));
