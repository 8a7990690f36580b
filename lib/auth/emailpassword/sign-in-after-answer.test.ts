/**
 * Issue 20: what a sign-in changes that its answer does not depend on follows the answer.
 * Clearing the account's failed-sign-in counts (up to three DELETEs with a shared store) is
 * handed to `waitUntil`, so the user does not wait for it.
 */
import { RateLimiterMemory, type RateLimiterAbstract } from "rate-limiter-flexible";
import { expect, it } from "vitest";
import { createEngineContext } from "../context";
import type { RateLimitStore } from "../ports/rate-limit-store";
import { resolveConfig } from "../resolve-config";
import { createMemoryStores } from "../testing/memory-stores";
import { TEST_SECRET } from "../testing/test-engine";
import { signIn } from "./sign-in";
import { signUp } from "./sign-up";

/** Counts in memory, except that clearing a key never finishes: a store that is slow to delete. */
function storeThatNeverFinishesDeleting(deleted: string[]): RateLimitStore {
  return {
    kind: "database",
    createLimiter: ({ keyPrefix, points, duration }): RateLimiterAbstract => {
      const limiter = new RateLimiterMemory({ keyPrefix, points, duration });
      limiter.delete = (key: string | number) => {
        deleted.push(`${keyPrefix}:${key}`);
        return new Promise<boolean>(() => {});
      };
      return limiter;
    },
  };
}

it("a correct sign-in answers without waiting for its failed attempts to be cleared, which follow the answer", async () => {
  const deleted: string[] = [];
  const afterAnswer: Promise<unknown>[] = [];
  const ctx = createEngineContext({
    config: resolveConfig({ appOrigin: "http://localhost:3000", rateLimits: { store: "database" } }),
    stores: createMemoryStores(),
    rateLimitStore: storeThatNeverFinishesDeleting(deleted),
    secret: TEST_SECRET,
    waitUntil: (task) => void afterAnswer.push(task),
  });
  const fields = (password: string) => ({ email: "slow-store@example.com", password, formFields: {} });
  expect((await signUp(ctx, fields("fixture-pw-1"))).status).toBe("OK");
  expect((await signIn(ctx, fields("wrong-pass1"))).status).toBe("WRONG_CREDENTIALS_ERROR");
  expect(deleted).toEqual([]);

  expect((await signIn(ctx, fields("fixture-pw-1"))).status).toBe("OK");
  // The clearing started, and was handed over to run after the answer.
  expect(deleted).toEqual([expect.stringContaining("signInFailuresPerAccount:slow-store@example.com")]);
  expect(afterAnswer.length).toBeGreaterThanOrEqual(1);
}, 15_000);
