import { createEngineContext } from "../context";
import { resolveConfig } from "../resolve-config";
import type { ClaimSource } from "../session/claim-source";
import type { ClaimValidator } from "../session/claim-validator";
import { createMemoryStores } from "./memory-stores";
import { createTestClock, TEST_SECRET } from "./test-engine";

/** A made-up "level" claim with a mutable backing map, for claim tests. */
export const levels = new Map<string, string[]>();
export const levelSource: ClaimSource<string[]> = { key: "x-level", fetchValue: async (_ctx, userId) => levels.get(userId) ?? [] };
export const needsGold: ClaimValidator<string[]> = {
  id: "x-level",
  validate: (value) =>
    value?.includes("gold") ? undefined : { id: "x-level", reason: { message: "wrong value", includes: "gold", actualValue: value } },
};

export function engine() {
  const clock = createTestClock();
  const ctx = createEngineContext({
    config: resolveConfig({}),
    stores: createMemoryStores(),
    secret: TEST_SECRET,
    now: clock.now,
    claimSources: [levelSource],
  });
  return { ctx, clock };
}
