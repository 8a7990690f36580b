/**
 * Windows and waits at their extremes. A shared store counts each window in whole seconds or as
 * a stored instant: Redis floors a window to whole seconds and keeps a key with none left for
 * good (a budget under a second never ended there, and 1.5 s was 1 s), and the database cannot
 * store a window's end past the year 9999 (every count failed, and the "shared" limit counted
 * per instance). Each must stop the start, naming the option.
 */
import { describe, expect, it } from "vitest";
import { resolveConfig } from "./resolve-config";
import { MAX_LIFETIME_SECONDS } from "./storable-time";

const refused = (config: Parameters<typeof resolveConfig>[0], name: string) =>
  expect(() => resolveConfig(config)).toThrow(expect.objectContaining({ code: "CONFIG_INVALID", message: expect.stringContaining(name) }));

const budgets = ["signInFailuresPerClient", "signInFailuresGlobal", "adminAuthFailuresPerClient"] as const;

describe("rate-limit windows at their extremes", () => {
  it.each(budgets.flatMap((name) => [0.5, 1.5, MAX_LIFETIME_SECONDS + 1, 1e13].map((durationSeconds) => [name, durationSeconds] as const)))(
    "refuses rateLimits.%s with durationSeconds %s",
    (name, durationSeconds) => refused({ rateLimits: { [name]: { points: 5, durationSeconds } } }, `rateLimits.${name}`),
  );

  it.each(budgets)("refuses rateLimits.%s with a maxDelaySeconds no store can hold", (name) =>
    refused({ rateLimits: { [name]: { points: 5, durationSeconds: 60, maxDelaySeconds: 1e13 } } }, `rateLimits.${name}`),
  );

  it("refuses a signInFailureDelay whose longest wait no store can hold", () =>
    refused({ rateLimits: { signInFailureDelay: { maxDelaySeconds: 1e13 } } }, "rateLimits.signInFailureDelay"));

  it.each(["signInPerIp", "signInFailuresPerAccount", "refreshPerIp"] as const)("refuses rateLimits.%s with a window past the storable", (name) =>
    refused({ rateLimits: { [name]: { points: 5, durationSeconds: 1e13 } } }, `rateLimits.${name}`),
  );

  it("refuses an email limit with a window past the storable", () =>
    refused({ passwordReset: { requestLimit: { points: 5, durationSeconds: 1e13 } } }, "passwordReset.requestLimit"));

  it("keeps whole windows up to the longest lifetime, and fractional waits", () => {
    const limits = resolveConfig({
      rateLimits: {
        signInPerIp: { points: 5, durationSeconds: MAX_LIFETIME_SECONDS },
        signInFailuresPerClient: { points: 5, durationSeconds: 60, firstDelaySeconds: 0.5, maxDelaySeconds: 2.5 },
      },
    }).rateLimits;
    expect(limits.signInPerIp.durationSeconds).toBe(MAX_LIFETIME_SECONDS);
    expect(limits.signInFailuresPerClient).toMatchObject({ durationSeconds: 60, firstDelaySeconds: 0.5, maxDelaySeconds: 2.5 });
  });

  it.each([0, -1, Number.NaN, 2 ** 31])("refuses a Redis store's timeoutMs of %s (a timer that fires at once or never)", (timeoutMs) =>
    refused({ rateLimits: { store: { redis: {}, timeoutMs } } }, "rateLimits.store.timeoutMs"),
  );
});
