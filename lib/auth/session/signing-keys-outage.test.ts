// Finding 4 of issue 15: a database outage longer than the key ring's re-read interval must not
// sign anyone out. The ring keeps its last known keys when a reload fails and retries with
// back-off; only a decision that truly needs the database (a kid it has never seen) waits for it.
import { describe, expect, it } from "vitest";
import { SignJWT, generateKeyPair } from "jose";
import { createTestEngine, createTestClock } from "../testing/test-engine";
import { createMemoryStores } from "../testing/memory-stores";
import { withOutageSwitch } from "../testing/outage-stores";
import { isGatehouseError } from "../errors";
import type { EngineLog } from "../log";
import { createNewSession, getSession } from "./session";

function capturingLog(): EngineLog & { lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const push = (fields: object) => void lines.push(fields as Record<string, unknown>);
  const log = { lines, debug: push, info: push, warn: push, error: push, child: () => log };
  return log as unknown as EngineLog & { lines: Record<string, unknown>[] };
}

function outageEngine() {
  const { stores, outage } = withOutageSwitch(createMemoryStores());
  // Attempts, failed ones included: the switch answers before the memory store is reached.
  const reads = { count: 0 };
  const list = stores.signingKeys.listVerifyingKeys;
  stores.signingKeys.listVerifyingKeys = (now) => ((reads.count += 1), list(now));
  const clock = createTestClock();
  const log = capturingLog();
  const engine = createTestEngine({ session: { accessTokenTtlSeconds: 3600 } }, { stores, clock, log });
  return { ...engine, outage, log, reads };
}

async function storeFailure(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return isGatehouseError(error) ? error.code : String(error);
  }
}

describe("signing keys during a database outage", () => {
  it("a 70 s outage signs nobody out: tokens keep verifying with the last known keys", async () => {
    const { ctx, clock, outage } = outageEngine();
    const tokens = await createNewSession(ctx, { userId: "u1" });
    expect((await getSession(ctx, { accessToken: tokens.accessToken })).status).toBe("OK");
    outage.down = true;
    for (let second = 0; second < 70; second += 5) {
      clock.advanceSeconds(5);
      expect((await getSession(ctx, { accessToken: tokens.accessToken })).status, `after ${second + 5} s`).toBe("OK");
    }
    outage.down = false;
    clock.advanceSeconds(60);
    expect((await getSession(ctx, { accessToken: tokens.accessToken })).status).toBe("OK");
  });

  it("a failed reload is logged and retried with back-off, not on every request", async () => {
    const { ctx, clock, outage, log, reads: counter } = outageEngine();
    const tokens = await createNewSession(ctx, { userId: "u1" });
    const before = counter.count;
    const reads = () => counter.count - before;
    outage.down = true;
    clock.advanceSeconds(61);
    for (let i = 0; i < 50; i++) await getSession(ctx, { accessToken: tokens.accessToken });
    expect(reads()).toBe(1);
    const failures = log.lines.filter((l) => l.event === "signing_keys.reload_failed");
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ retryInMs: expect.any(Number) });
    // Each later retry waits longer.
    clock.advanceSeconds(1);
    await getSession(ctx, { accessToken: tokens.accessToken });
    clock.advanceSeconds(1);
    await getSession(ctx, { accessToken: tokens.accessToken });
    expect(reads()).toBe(2);
    outage.down = false;
    clock.advanceSeconds(30);
    expect((await getSession(ctx, { accessToken: tokens.accessToken })).status).toBe("OK");
    expect(reads()).toBe(3);
  });

  it("a kid the ring has never seen, while the store is down, is a 503 (STORE_FAILED), not a sign-out", async () => {
    const { ctx, clock, outage } = outageEngine();
    const tokens = await createNewSession(ctx, { userId: "u1" });
    const { privateKey } = await generateKeyPair("RS256");
    const unknown = await new SignJWT({ ...tokens.accessTokenClaims })
      .setProtectedHeader({ alg: "RS256", kid: "made-elsewhere", typ: "JWT" })
      .sign(privateKey);
    outage.down = true;
    clock.advanceSeconds(61);
    expect(await storeFailure(getSession(ctx, { accessToken: unknown }))).toBe("STORE_FAILED");
    // Within the back-off too: the ring knows it cannot tell "retired" from "new elsewhere".
    expect(await storeFailure(getSession(ctx, { accessToken: unknown }))).toBe("STORE_FAILED");
    // Known keys are unaffected.
    expect((await getSession(ctx, { accessToken: tokens.accessToken })).status).toBe("OK");
    outage.down = false;
    clock.advanceSeconds(60);
    expect((await getSession(ctx, { accessToken: unknown })).status).toBe("TRY_REFRESH_TOKEN_ERROR");
  });

  it("an instance that starts during the outage answers 503, not unauthorised", async () => {
    const first = outageEngine();
    const tokens = await createNewSession(first.ctx, { userId: "u1" });
    first.outage.down = true;
    const cold = createTestEngine({}, { stores: first.stores, clock: first.clock });
    expect(await storeFailure(getSession(cold.ctx, { accessToken: tokens.accessToken }))).toBe("STORE_FAILED");
  });
});
