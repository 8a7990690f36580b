import type { EngineContext } from "../auth/context";
import { verifyRequestSession, type VerifyRequestResult } from "./verify-request";

/** The role that opens the admin API and dashboard. */
export const ADMIN_ROLE = "admin";

/**
 * Admin API access: a session holding the `admin` role, checked against the database on every
 * call (a revoked session or a removed role loses access at once, not at its next refresh).
 */
export function verifyAdmin(ctx: EngineContext, request: Request): Promise<VerifyRequestResult> {
  return verifyRequestSession(ctx, request, { checkDatabase: true, roles: [ADMIN_ROLE] });
}
