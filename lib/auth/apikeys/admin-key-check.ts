import type { ClientInfo } from "../client-info";
import type { ResolvedFailureBudget } from "../config-limits";
import type { EngineContext } from "../context";
import { clientLimitKey } from "../limits/client-limits";
import { failureBudget } from "../limits/failure-budget";
import type { TooManyAttempts } from "../limits/rate-limit";
import { logAuthEvent } from "../log";
import { CODE } from "../wire-codes";
import { logApiKeyRejection, verifyApiKey, type ApiKeyRejection, type VerifyApiKeyResult } from "./api-keys";

const KEY_FAILURES = "adminAuthFailuresPerClient";
/** The one count shared by clients without a known address: a delay for all of them, never a lockout. */
const UNKNOWN_CLIENT = "unknown";

/**
 * An admin-API key, with failures limited per client (`rateLimits.adminAuthFailuresPerClient`):
 * audit flooding. Every refused key used to write an audit row, so anyone could fill the audit
 * table with bad keys. Now a client past its budget waits before any key is checked, and the
 * audit log gets one row per failure within the budget, one more with the count when the client
 * goes past it, and nothing after that in the window (a log line only).
 */
export async function checkAdminApiKey(
  ctx: EngineContext,
  input: { key: string; client?: ClientInfo },
): Promise<VerifyApiKeyResult | TooManyAttempts> {
  const limits = ctx.config.rateLimits;
  const budget = limits.enabled ? limits.adminAuthFailuresPerClient : false;
  const client = clientLimitKey(input.client) ?? UNKNOWN_CLIENT;
  if (budget) {
    const held = await failureBudget.check(ctx, KEY_FAILURES, budget, client);
    if (held) return held;
  }
  const result = await verifyApiKey(ctx, input.key, { logRejection: !budget });
  if (result.status !== "OK" && budget) await countKeyFailure(ctx, budget, client, result);
  return result;
}

async function countKeyFailure(ctx: EngineContext, budget: ResolvedFailureBudget, client: string, rejection: ApiKeyRejection): Promise<void> {
  const failures = await failureBudget.failed(ctx, KEY_FAILURES, budget, client);
  if (failures <= budget.points) return logApiKeyRejection(ctx, rejection, failures);
  if (failures === budget.points + 1) return logAuthEvent(ctx, "apikey.rejected", { reason: CODE.TOO_MANY_FAILURES, count: failures }, "warn");
  ctx.log.warn({ event: "apikey.rejected_unrecorded", reason: rejection.status, count: failures }, "apikey.rejected_unrecorded");
}
