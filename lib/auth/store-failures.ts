import { GatehouseError, isGatehouseError } from "./errors";
import type { Stores } from "./ports";

/**
 * Turns every failure thrown by a store (database down, connection lost, timeout) into one
 * GatehouseError "STORE_FAILED", which the HTTP layer answers with 503. Stores return expected
 * outcomes (email taken, lost compare-and-swap) as values, so anything thrown is unexpected.
 * A 5xx tells clients the session is not the problem: supertokens-web-js and lib/client only
 * sign out on 401, so a database outage never logs anyone out.
 */
export function withStoreFailures(stores: Stores): Stores {
  const wrapped: Record<string, unknown> = {};
  for (const [name, store] of Object.entries(stores) as [string, Record<string, unknown>][]) {
    const methods: Record<string, unknown> = {};
    for (const [method, fn] of Object.entries(store)) {
      methods[method] =
        typeof fn === "function"
          ? async (...args: unknown[]) => {
              try {
                return await (fn as (...a: unknown[]) => Promise<unknown>).apply(store, args);
              } catch (error) {
                if (isGatehouseError(error)) throw error;
                throw new GatehouseError("STORE_FAILED", `${name}.${method} failed: ${(error as Error)?.message ?? error}`, { cause: error });
              }
            }
          : fn;
    }
    wrapped[name] = methods;
  }
  return wrapped as unknown as Stores;
}
