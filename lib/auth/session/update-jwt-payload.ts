import type { EngineContext } from "../context";
import type { StoredSessionRow } from "../ports";
import { endSessionOutsideTenant, tenantStandingOf } from "../organizations/tenant-session";
import { isSessionLive } from "./session-liveness";
import { accessTokenCap } from "./access-token-cap";
import { assertPayloadCanBeMinted } from "./session-value-size";

export type UpdateJwtPayloadResult =
  { status: "OK"; row: StoredSessionRow; jwtPayload: Record<string, unknown> } | { status: "UNKNOWN_SESSION_ERROR" };

/**
 * Rounds of read, change and compare-and-swap before giving up. Every round that fails lost to a
 * change that landed, so this bounds how many changes of one session can land while one waits:
 * far beyond what a browser and a deployer's code make at once.
 */
const MAX_ROUNDS = 50;

/**
 * The one way the deployer's payload of a session changes (mergeIntoAccessTokenPayload, an MFA
 * factor, an organization switch): reads the live row, asks `change` for the new payload, and
 * writes it only if no other change landed in between (SessionStore.replaceJwtPayload); if one
 * did, it starts over from the row as it is now. Without the swap, two changes at once would
 * each write their own copy and the later one would silently undo the earlier.
 *
 * `change` sees the live, unexpired row and returns the new payload, or null to refuse (the
 * answer is then UNKNOWN_SESSION_ERROR: the row is not the caller's). It may run more than once.
 *
 * A session the change would leave inside an organization that no longer lets it in (deleted,
 * created again under its slug, its user no longer a member or their email of no allowed domain,
 * or no longer taking its sign-in: organizations/tenant-session.ts)
 * is ended here as at its refresh, and answered as unknown: every change re-mints the token, so a
 * deployer merging into the payload on every request would otherwise keep it inside without ever
 * refreshing. Leaving for the public tenant is allowed. A public session reads nothing for this.
 */
export async function updateJwtPayload(
  ctx: EngineContext,
  sessionHandle: string,
  change: (row: StoredSessionRow) => Record<string, unknown> | null,
): Promise<UpdateJwtPayloadResult> {
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const row = await ctx.stores.sessions.getSession(sessionHandle);
    const now = ctx.now();
    if (!row || !isSessionLive(row, now, ctx.config.session)) return { status: "UNKNOWN_SESSION_ERROR" };
    const jwtPayload = change(row);
    if (!jwtPayload) return { status: "UNKNOWN_SESSION_ERROR" };
    // A payload no token can carry would fail every later refresh of the session: refused unwritten.
    assertPayloadCanBeMinted(jwtPayload, accessTokenCap(ctx));
    // Asked of the session as the change leaves it: a switch out of the organization is no
    // longer its concern, and a switch into one has asked its own (the entry record is new).
    const standing = await tenantStandingOf(ctx, { ...row, jwtPayload });
    if (standing.status !== "OK") {
      await endSessionOutsideTenant(ctx, row, standing.status);
      return { status: "UNKNOWN_SESSION_ERROR" };
    }
    // Live when read and still when written: a row that expired in between is refused, and the
    // next round's read says so.
    if (await ctx.stores.sessions.replaceJwtPayload(sessionHandle, row.payloadVersion, jwtPayload, now)) return { status: "OK", row, jwtPayload };
  }
  throw new Error(`the payload of session ${sessionHandle} kept changing: ${MAX_ROUNDS} changes landed while one waited`);
}
