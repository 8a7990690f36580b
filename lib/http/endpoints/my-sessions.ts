import { z } from "zod";
import type { EngineContext } from "../../auth/context";
import { revokeOtherSessionsForUser, revokeSessionOfUser } from "../../auth/session/session-revocation";
import { listSessionsForUser } from "../../auth/session/session-info";
import { parseBody } from "../parse";
import { json } from "../respond";
import { clearTokens, tokenTransferFor } from "../session-transport";
import { verifyRequestSession } from "../verify-request";

/**
 * "My sessions": the signed-in user's devices. The database is checked on every call, so a
 * session revoked from another device cannot list or revoke anything with its leftover token.
 */
export async function handleListMySessions(ctx: EngineContext, request: Request): Promise<Response> {
  const verified = await verifyRequestSession(ctx, request, { checkDatabase: true });
  if (!verified.ok) return verified.response;
  const sessions = await listSessionsForUser(ctx, verified.session.userId);
  return json({
    status: "OK",
    sessions: sessions.map((s) => ({
      sessionHandle: s.sessionHandle,
      current: s.sessionHandle === verified.session.sessionHandle,
      userAgent: s.userAgent,
      ip: s.ip,
      createdAt: s.timeCreated.getTime(),
      lastActiveAt: s.lastActiveAt.getTime(),
      expiresAt: s.expiry.getTime(),
    })),
  });
}

const revokeBody = z.union([z.object({ sessionHandle: z.string().uuid() }).strict(), z.object({ allOthers: z.literal(true) }).strict()]);

export async function handleRevokeMySessions(ctx: EngineContext, request: Request): Promise<Response> {
  const verified = await verifyRequestSession(ctx, request, { checkDatabase: true });
  if (!verified.ok) return verified.response;
  const body = await parseBody(request, revokeBody);
  if (!body.ok) return body.response;
  const { userId, sessionHandle: current } = verified.session;
  if ("allOthers" in body.value) return json({ status: "OK", revoked: await revokeOtherSessionsForUser(ctx, userId, current) });
  const target = body.value.sessionHandle;
  // Another user's handle is answered exactly like an unknown one.
  if (!(await revokeSessionOfUser(ctx, userId, target))) return json({ status: "UNKNOWN_SESSION_ERROR" }, 404);
  const response = json({ status: "OK", revoked: [target] });
  if (target === current) clearTokens(response.headers, ctx.config, tokenTransferFor(request));
  return response;
}
