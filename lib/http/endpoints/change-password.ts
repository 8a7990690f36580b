import { z } from "zod";
import type { ClientInfo } from "../../auth/client-info";
import type { EngineContext } from "../../auth/context";
import { changePassword } from "../../auth/emailpassword/change-password";
import { parseBody } from "../parse";
import { json, resultResponse } from "../respond";
import { verifyRequestSession } from "../verify-request";
import { stepUpErrors } from "../../auth/mfa/step-up";
import { answerInvalidClaim } from "../session-errors";

const body = z.object({ oldPassword: z.string().max(4096), newPassword: z.string().max(4096) }).strict();

/**
 * POST {apiBasePath}/user/password/change: not part of the FDI, used by /account. The database is
 * checked, so a revoked session's leftover access token cannot change anything.
 */
export async function handleChangePassword(ctx: EngineContext, request: Request, _params: unknown, client: ClientInfo): Promise<Response> {
  const verified = await verifyRequestSession(ctx, request, { checkDatabase: true });
  if (!verified.ok) return verified.response;
  // Step-up: with a second factor set up, a recent code too (a stolen session alone cannot lock the user out).
  const stepUp = await stepUpErrors(ctx, verified.session);
  if (stepUp) return answerInvalidClaim(ctx, request, stepUp);
  const parsed = await parseBody(request, body);
  if (!parsed.ok) return parsed.response;
  const { userId, sessionHandle } = verified.session;
  const result = await changePassword(ctx, { userId, sessionHandle, ...parsed.value, client });
  return result.status === "OK" ? json({ status: "OK", revokedSessions: result.revokedSessionHandles.length }) : resultResponse(result);
}
