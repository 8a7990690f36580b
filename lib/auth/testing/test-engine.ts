import { createGatehouse, type GatehouseEnv } from "../../gatehouse";
import type { GatehouseConfig } from "../config";
import type { EngineContext } from "../context";
import { noEmailDelivery, type EmailDelivery } from "../email/email-delivery";
import type { ClaimSource } from "../session/claim-source";
import { silentLog, type EngineLog } from "../log";
import { noSmsDelivery, type SmsDelivery } from "../passwordless/sms-delivery";
import type { Stores } from "../ports";
import { createMemoryStores } from "./memory-stores";

/** A fixed, test-only secret (64 hex chars). */
export const TEST_SECRET = "d08a3566b3c6b1eadb305a48a2d9a7c7e3af64e23f7b57acc1084da3da4eb24a";
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

export interface TestEngineOptions {
  stores?: Stores;
  clock?: TestClock;
  /**
   * The clock the in-memory rate limits count on, moved by the test alone.
   * @default the wall clock, as in the app
   */
  limitClock?: TestClock;
  secret?: string;
  /** Claims beyond the built-in ones (roles, email verification), which every engine keeps. */
  claimSources?: ClaimSource[];
  /** @default none: every send fails, as in an app without SMTP_URL in production */
  emailDelivery?: EmailDelivery;
  /** @default none: every SMS fails */
  smsDelivery?: SmsDelivery;
  log?: EngineLog;
  /** Work after the answer (emails, the audit purge), for a test that awaits it. @default lets it run */
  waitUntil?: (task: Promise<unknown>) => void;
  /** The environment the config is resolved from (NODE_ENV, GATEHOUSE_APP_ORIGIN, …). @default {} */
  env?: GatehouseEnv;
}

/**
 * An engine on in-memory stores with a pinned clock: nothing patches Date.now. Built by the
 * app's own composition root (lib/gatehouse.ts) with test parts in place of the app's, and an
 * empty environment, so that nothing from the process's environment reaches a test.
 */
export function createTestEngine(
  config: GatehouseConfig = {},
  options: TestEngineOptions = {},
): { ctx: EngineContext; clock: TestClock; stores: Stores } {
  const clock = options.clock ?? createTestClock();
  const stores = options.stores ?? createMemoryStores();
  const { limitClock } = options;
  const ctx = createGatehouse({
    env: options.env ?? {},
    overrides: {
      config: { appOrigin: "http://localhost:3000", ...config },
      stores,
      secret: options.secret ?? TEST_SECRET,
      now: clock.now,
      rateLimitNow: limitClock && (() => limitClock.now().getTime()),
      claimSources: options.claimSources,
      emailDelivery: options.emailDelivery ?? noEmailDelivery,
      smsDelivery: options.smsDelivery ?? noSmsDelivery,
      log: options.log ?? silentLog,
      waitUntil: options.waitUntil,
    },
  });
  return { ctx, clock, stores };
}
