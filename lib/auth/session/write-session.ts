import type { EngineContext } from "../context";
import type { AuditEventRow, SessionRow } from "../ports";
import { logLostAuditRow } from "../audit/audit-recorder";

/**
 * The session row, with its first event's audit row in the same transaction when there is one.
 * A failed audit row must not fail the sign-in (audit/audit-recorder.ts): the transaction wrote
 * nothing, so the session alone is tried once more, and if it goes in, the event's row is what
 * was lost, and it is logged as such.
 */
export async function writeSession(
  ctx: EngineContext,
  row: SessionRow,
  auditRow: AuditEventRow | null,
  onlyWhilePasswordHash?: string,
): Promise<boolean> {
  if (!auditRow) return ctx.stores.sessions.createSession(row, undefined, onlyWhilePasswordHash);
  try {
    return await ctx.stores.sessions.createSession(row, auditRow, onlyWhilePasswordHash);
  } catch (error) {
    const written = await ctx.stores.sessions.createSession(row, undefined, onlyWhilePasswordHash);
    if (written) logLostAuditRow(ctx.log, auditRow.type, error);
    return written;
  }
}
