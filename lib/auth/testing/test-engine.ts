import type { GatehouseConfig } from "../config";
import { createEngineContext, type EngineContext } from "../context";
import { resolveConfig } from "../resolve-config";
import type { EmailDelivery } from "../email/email-delivery";
import type { ClaimSource } from "../session/session-claims";
import type { EngineLog } from "../log";
import type { Stores } from "../stores";
import { createMemoryStores } from "./memory-stores";

/** A fixed, test-only secret (64 hex chars). */
export const TEST_SECRET = "0f1e2d3c4b5a69788796a5b4c3d2e1f00f1e2d3c4b5a69788796a5b4c3d2e1f0";
/** The fixed instant every test clock starts from. */
export const T0 = new Date("2026-01-01T00:00:00.000Z");

export interface TestClock {
  now: () => Date;
  advanceSeconds(seconds: number): void;
}

export function createTestClock(start: Date = T0): TestClock {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    advanceSeconds(seconds) {
      current += seconds * 1000;
    },
  };
}

/** An engine on in-memory stores with a pinned clock: nothing patches Date.now. */
export function createTestEngine(
  config: GatehouseConfig = {},
  options: { stores?: Stores; clock?: TestClock; secret?: string; claimSources?: ClaimSource[]; emailDelivery?: EmailDelivery; log?: EngineLog } = {},
): { ctx: EngineContext; clock: TestClock; stores: Stores } {
  const clock = options.clock ?? createTestClock();
  const stores = options.stores ?? createMemoryStores();
  const ctx = createEngineContext({
    config: resolveConfig({ appOrigin: "http://localhost:3000", ...config }),
    stores,
    secret: options.secret ?? TEST_SECRET,
    now: clock.now,
    claimSources: options.claimSources,
    emailDelivery: options.emailDelivery,
    log: options.log,
  });
  return { ctx, clock, stores };
}
