import { z } from "zod";
import type { EngineContext } from "../../auth/context";
import { changePassword } from "../../auth/emailpassword/change-password";
import { accountSignInLimit, limitedClient } from "../brute-force";
import { parseBody } from "../parse";
import { json } from "../respond";
import { verifyRequestSession } from "../verify-request";

const body = z.object({ oldPassword: z.string().max(4096), newPassword: z.string().max(4096) }).strict();

/**
 * POST {apiBasePath}/user/password/change: not part of the FDI, used by /account. The database is
 * checked, so a revoked session's leftover access token cannot change anything.
 */
export async function handleChangePassword(ctx: EngineContext, request: Request): Promise<Response> {
  const verified = await verifyRequestSession(ctx, request, { checkDatabase: true });
  if (!verified.ok) return verified.response;
  const parsed = await parseBody(request, body);
  if (!parsed.ok) return parsed.response;
  const { userId, sessionHandle } = verified.session;
  // Guessing the current password through a stolen session is limited like sign-in.
  const account = `user:${userId}`;
  const client = limitedClient(ctx, request);
  const locked = await accountSignInLimit.check(ctx, account, client);
  if (locked) return locked;
  const result = await changePassword(ctx, { userId, sessionHandle, ...parsed.value });
  if (result.status === "WRONG_CREDENTIALS_ERROR") await accountSignInLimit.failed(ctx, account, client);
  if (result.status === "OK") await accountSignInLimit.succeeded(ctx, account, client);
  return json(result.status === "OK" ? { status: "OK", revokedSessions: result.revokedSessionHandles.length } : result);
}
