import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createEngineContext } from "../auth/context";
import { resolveConfig } from "../auth/resolve-config";
import { createMemoryStores } from "../auth/testing/memory-stores";
import { createTestClock, createTestEngine, TEST_SECRET } from "../auth/testing/test-engine";
import { progressiveDelaySeconds } from "../auth/limits/failure-budget";
import { createAuthClient, credentials } from "./testing/client";

const limits = {
  signInFailuresPerAccount: { points: 3, durationSeconds: 2 },
  signInPerIp: { points: 5, durationSeconds: 60 },
  signUpPerIp: { points: 2, durationSeconds: 60 },
  emailExistsPerIp: { points: 2, durationSeconds: 60 },
  refreshPerIp: { points: 2, durationSeconds: 60 },
};

// Limits on a clock only the test moves: on a loaded machine three sign-ins once outlasted a
// 2-second window, and the fourth was not limited.
function engineOnLimitClock(config: Parameters<typeof createTestEngine>[0]) {
  const limitClock = createTestClock();
  return { ...createTestEngine(config, { limitClock }), limitClock };
}

describe("brute-force protection", () => {
  it("password-reset requests: one client asking for many addresses meets its own limit; another client does not", async () => {
    const { ctx } = engineOnLimitClock({ trustedProxy: { hops: 1 }, passwordReset: { requestLimitPerClient: { points: 3, durationSeconds: 60 } } });
    const client = createAuthClient(ctx);
    const ask = (ip: string) =>
      client.send("POST", "/api/auth/user/password/reset/token", {
        body: { formFields: [{ id: "email", value: `bf-${randomUUID()}@example.com` }] },
        headers: { "x-forwarded-for": ip },
      });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await ask("198.51.100.9")).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const limited = await ask("198.51.100.9");
    expect([limited.status, Number(limited.headers.get("retry-after")) > 0]).toEqual([429, true]);
    expect((await ask("203.0.113.9")).status).toBe(200);
  });

  it("per account: failures lead to 429 with Retry-After, the same for unknown emails; the window ends", async () => {
    const { ctx, limitClock } = engineOnLimitClock({ rateLimits: limits });
    const client = createAuthClient(ctx);
    const known = `bf-${randomUUID()}@example.com`;
    const unknown = `bf-${randomUUID()}@example.com`;
    await client.send("POST", "/api/auth/signup", { body: credentials(known, "fixture-pw-1") });
    for (const email of [known, unknown]) {
      for (let i = 0; i < 3; i++) {
        expect((await (await client.send("POST", "/api/auth/signin", { body: credentials(email, "wrong-pass1") })).json()).status).toBe(
          "WRONG_CREDENTIALS_ERROR",
        );
      }
      const limited = await client.send("POST", "/api/auth/signin", { body: credentials(email, "fixture-pw-1") });
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    }
    // No permanent lockout: after the window the real user signs in.
    limitClock.advanceSeconds(2.1);
    expect((await client.send("POST", "/api/auth/signin", { body: credentials(known, "fixture-pw-1") })).status).toBe(200);
  });

  it("behind a proxy, failures count per account and client: an attacker elsewhere cannot hold the real user out; many clients together meet a ceiling", async () => {
    const { ctx, limitClock } = engineOnLimitClock({
      trustedProxy: { hops: 1 },
      rateLimits: {
        ...limits,
        signInPerIp: { points: 100, durationSeconds: 60 },
        signInFailuresPerAccountAllClients: { points: 5, durationSeconds: 2 },
      },
    });
    const client = createAuthClient(ctx);
    const from = (ip: string) => ({ headers: { "x-forwarded-for": ip } });
    const signIn = (email: string, password: string, ip: string) =>
      client.send("POST", "/api/auth/signin", { body: credentials(email, password), ...from(ip) });
    const victim = `bf-${randomUUID()}@example.com`;
    await client.send("POST", "/api/auth/signup", { body: credentials(victim, "fixture-pw-1") });
    for (let i = 0; i < 3; i++) expect((await signIn(victim, "wrong-pass1", "198.51.100.1")).status).toBe(200);
    expect((await signIn(victim, "fixture-pw-1", "198.51.100.1")).status).toBe(429);
    // The real user, at another address, is not held back by the attacker's failures.
    expect((await signIn(victim, "fixture-pw-1", "203.0.113.7")).status).toBe(200);

    const target = `bf-${randomUUID()}@example.com`;
    await client.send("POST", "/api/auth/signup", { body: credentials(target, "fixture-pw-1") });
    for (let i = 0; i < 3; i++) await signIn(target, "wrong-pass1", "198.51.100.2");
    for (let i = 0; i < 2; i++) expect((await signIn(target, "wrong-pass1", "198.51.100.3")).status).toBe(200);
    // Five failures from two addresses: the ceiling over all clients is reached for everyone.
    const ceiling = await signIn(target, "fixture-pw-1", "203.0.113.8");
    expect(ceiling.status).toBe(429);
    expect(Number(ceiling.headers.get("retry-after"))).toBeGreaterThan(0);
    limitClock.advanceSeconds(2.1);
    expect((await signIn(target, "fixture-pw-1", "203.0.113.8")).status).toBe(200);
  });

  it("a correct sign-in clears the account's failures", async () => {
    const { ctx } = engineOnLimitClock({ rateLimits: limits });
    const client = createAuthClient(ctx);
    const email = `bf-${randomUUID()}@example.com`;
    await client.send("POST", "/api/auth/signup", { body: credentials(email, "fixture-pw-1") });
    for (let round = 0; round < 2; round++) {
      for (let i = 0; i < 2; i++) await client.send("POST", "/api/auth/signin", { body: credentials(email, "wrong-pass1") });
      expect((await client.send("POST", "/api/auth/signin", { body: credentials(email, "fixture-pw-1") })).status).toBe(200);
    }
  });

  it("per IP (behind a proxy): sign-up, email-exists and refresh answer 429 past their limits", async () => {
    const { ctx } = engineOnLimitClock({ trustedProxy: { hops: 1 }, rateLimits: limits });
    const client = createAuthClient(ctx);
    const ip = { "x-forwarded-for": `198.51.100.${Math.floor(Math.random() * 250)}` };
    const statuses = async (n: number, send: () => Promise<Response>) => {
      const out: number[] = [];
      for (let i = 0; i < n; i++) out.push((await send()).status);
      return out;
    };
    expect(
      await statuses(3, () =>
        client.send("POST", "/api/auth/signup", { body: credentials(`bf-${randomUUID()}@example.com`, "fixture-pw-1"), headers: ip }),
      ),
    ).toEqual([200, 200, 429]);
    expect(await statuses(3, () => client.send("GET", "/api/auth/emailpassword/email/exists?email=a%40example.com", { headers: ip }))).toEqual([
      200, 200, 429,
    ]);
    expect(await statuses(3, () => client.send("POST", "/api/auth/session/refresh", { headers: ip }))).toEqual([200, 200, 429]);
    // Another address is unaffected; without any address nothing is counted per IP.
    expect(
      (await client.send("GET", "/api/auth/emailpassword/email/exists?email=a%40example.com", { headers: { "x-forwarded-for": "203.0.113.9" } }))
        .status,
    ).toBe(200);
    expect(await statuses(3, () => client.send("GET", "/api/auth/emailpassword/email/exists?email=a%40example.com"))).toEqual([200, 200, 200]);
    // A loopback address that the declared proxy vouches for is an address like any other: counted.
    const local = { "x-forwarded-for": "127.0.0.1" };
    expect(await statuses(3, () => client.send("GET", "/api/auth/emailpassword/email/exists?email=a%40example.com", { headers: local }))).toEqual([
      200, 200, 429,
    ]);
  });

  it("over all clients (no proxy declared): sign-ups past signUpGlobal answer 429 with Retry-After; sign-ins go on", async () => {
    const { ctx } = engineOnLimitClock({ rateLimits: { signUpGlobal: { points: 2, durationSeconds: 3600 } } });
    const client = createAuthClient(ctx);
    const emails = [1, 2, 3].map(() => `bf-${randomUUID()}@example.com`);
    const answers = [];
    for (const email of emails) answers.push(await client.send("POST", "/api/auth/signup", { body: credentials(email, "fixture-pw-1") }));
    expect(answers.map((answer) => answer.status)).toEqual([200, 200, 429]);
    expect(Number(answers[2].headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await answers[2].json()).toEqual({ status: "GENERAL_ERROR", message: expect.stringMatching(/^Too many requests/) });
    expect((await (await client.send("POST", "/api/auth/signin", { body: credentials(emails[0], "fixture-pw-1") })).json()).status).toBe("OK");
  });

  it("guessing the current password through change-password is limited too", async () => {
    const { ctx } = engineOnLimitClock({ rateLimits: limits });
    const client = createAuthClient(ctx);
    await client.send("POST", "/api/auth/signup", { body: credentials(`bf-${randomUUID()}@example.com`, "fixture-pw-1") });
    const change = (oldPassword: string) =>
      client.send("POST", "/api/auth/user/password/change", { body: { oldPassword, newPassword: "fixture-pw-2" } });
    for (let i = 0; i < 3; i++) expect((await (await change("wrong-pass1")).json()).status).toBe("WRONG_CREDENTIALS_ERROR");
    expect((await change("fixture-pw-1")).status).toBe(429);
  });

  it("can be switched off", async () => {
    const { ctx } = engineOnLimitClock({ rateLimits: { ...limits, enabled: false } });
    const client = createAuthClient(ctx);
    const email = `bf-${randomUUID()}@example.com`;
    for (let i = 0; i < 5; i++) await client.send("POST", "/api/auth/signin", { body: credentials(email, "wrong-pass1") });
    expect((await client.send("POST", "/api/auth/signin", { body: credentials(email, "wrong-pass1") })).status).toBe(200);
  });

  it("progressive delay per account: each failure holds the next attempt back for a doubling, capped wait; a success clears it", async () => {
    const { ctx, limitClock } = engineOnLimitClock({
      rateLimits: {
        ...limits,
        signInFailuresPerAccount: { points: 10, durationSeconds: 60 },
        signInFailureDelay: { firstDelaySeconds: 1, maxDelaySeconds: 2 },
      },
    });
    const client = createAuthClient(ctx);
    const email = `bf-${randomUUID()}@example.com`;
    const signIn = (password: string) => client.send("POST", "/api/auth/signin", { body: credentials(email, password) });
    await client.send("POST", "/api/auth/signup", { body: credentials(email, "fixture-pw-1") });
    const failThenRetryAfter = async () => {
      expect((await (await signIn("wrong-pass1")).json()).status).toBe("WRONG_CREDENTIALS_ERROR");
      const held = await signIn("fixture-pw-1");
      expect(held.status).toBe(429);
      return held.headers.get("retry-after");
    };
    expect(await failThenRetryAfter()).toBe("1");
    limitClock.advanceSeconds(1.1);
    expect(await failThenRetryAfter()).toBe("2");
    limitClock.advanceSeconds(2.1);
    expect(await failThenRetryAfter()).toBe("2"); // 4 s capped at maxDelaySeconds
    // Never a lockout: once the wait is over the real user signs in, which clears the delay.
    limitClock.advanceSeconds(2.1);
    expect((await signIn("fixture-pw-1")).status).toBe(200);
    expect(await failThenRetryAfter()).toBe("1");
  });

  it("no progressive delay by default: a failure does not hold the next attempt back", async () => {
    const { ctx } = engineOnLimitClock({ rateLimits: limits });
    expect(ctx.config.rateLimits.signInFailureDelay).toBe(false);
    const client = createAuthClient(ctx);
    const email = `bf-${randomUUID()}@example.com`;
    await client.send("POST", "/api/auth/signup", { body: credentials(email, "fixture-pw-1") });
    await client.send("POST", "/api/auth/signin", { body: credentials(email, "wrong-pass1") });
    expect((await client.send("POST", "/api/auth/signin", { body: credentials(email, "fixture-pw-1") })).status).toBe(200);
  });

  it("the progressive delay doubles from the first wait and stops at the cap", () => {
    const delay = { firstDelaySeconds: 1, maxDelaySeconds: 30 };
    expect([1, 2, 3, 4, 5, 6, 7, 100].map((n) => progressiveDelaySeconds(n, delay))).toEqual([1, 2, 4, 8, 16, 30, 30, 30]);
    expect(progressiveDelaySeconds(3, { firstDelaySeconds: 0.5, maxDelaySeconds: 10 })).toBe(2);
  });

  it("refuses a nonsense delay, an unknown store, and a shared store with nothing to count in", () => {
    const base = { appOrigin: "http://localhost:3000" };
    expect(resolveConfig({ ...base, rateLimits: { signInFailureDelay: true } }).rateLimits.signInFailureDelay).toEqual({
      firstDelaySeconds: 1,
      maxDelaySeconds: 30,
    });
    expect(() => resolveConfig({ ...base, rateLimits: { signInFailureDelay: { firstDelaySeconds: 0 } } })).toThrow(/signInFailureDelay/);
    expect(() => resolveConfig({ ...base, rateLimits: { signInFailureDelay: { firstDelaySeconds: 5, maxDelaySeconds: 2 } } })).toThrow(
      /signInFailureDelay/,
    );
    expect(() => resolveConfig({ ...base, rateLimits: { store: "databse" as "database" } })).toThrow(/rateLimits.store/);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(() => resolveConfig({ ...base, rateLimits: { store: { client: cyclic } as never } })).toThrow(/keys \[client\]/);
    expect(() => resolveConfig({ ...base, rateLimits: { store: { redis: undefined } } })).toThrow(/rateLimits.store/);
    expect(resolveConfig(base).rateLimits.store).toBe("memory");
    const config = resolveConfig({ ...base, rateLimits: { store: "database" } });
    expect(() => createEngineContext({ config, stores: createMemoryStores(), secret: TEST_SECRET })).toThrow(/no rate-limit store/);
  });

  it("budgets over all accounts: a success clears none of them (an attacker's own account cannot reset one); the delay doubles, is capped, and ends", async () => {
    const { ctx, limitClock } = engineOnLimitClock({
      trustedProxy: { hops: 1 },
      rateLimits: {
        ...limits,
        signInPerIp: { points: 100, durationSeconds: 60 },
        signInFailuresPerClient: { points: 2, durationSeconds: 60, firstDelaySeconds: 1, maxDelaySeconds: 2 },
      },
    });
    const client = createAuthClient(ctx);
    const from = { "x-forwarded-for": "198.51.100.60" };
    const own = `bf-${randomUUID()}@example.com`;
    await client.send("POST", "/api/auth/signup", { body: credentials(own, "fixture-pw-1"), headers: from });
    const guess = () =>
      client.send("POST", "/api/auth/signin", { body: credentials(`bf-${randomUUID()}@example.com`, "Spring2026!"), headers: from });
    expect([(await guess()).status, (await guess()).status]).toEqual([200, 200]);
    const held = await client.send("POST", "/api/auth/signin", { body: credentials(own, "fixture-pw-1"), headers: from });
    expect([held.status, held.headers.get("retry-after")]).toEqual([429, "1"]);
    limitClock.advanceSeconds(1.1);
    expect((await client.send("POST", "/api/auth/signin", { body: credentials(own, "fixture-pw-1"), headers: from })).status).toBe(200);
    expect((await guess()).status).toBe(200);
    const doubled = await guess();
    expect([doubled.status, doubled.headers.get("retry-after")]).toEqual([429, "2"]);
    limitClock.advanceSeconds(2.1);
    expect((await guess()).status).toBe(200);
    expect((await guess()).headers.get("retry-after")).toBe("2"); // 4 s capped at maxDelaySeconds
    // Another client is not held back.
    expect(
      (await client.send("POST", "/api/auth/signin", { body: credentials(own, "fixture-pw-1"), headers: { "x-forwarded-for": "198.51.100.61" } }))
        .status,
    ).toBe(200);
  });

  it("the budgets' defaults are on and far above a small app's normal failures; nonsense values are refused; false switches one off", () => {
    const base = { appOrigin: "http://localhost:3000" };
    const defaults = resolveConfig(base).rateLimits;
    expect(defaults.signInFailuresPerClient).toEqual({ points: 100, durationSeconds: 900, firstDelaySeconds: 1, maxDelaySeconds: 60 });
    expect(defaults.signInFailuresGlobal).toEqual({ points: 1000, durationSeconds: 900, firstDelaySeconds: 1, maxDelaySeconds: 30 });
    expect(defaults.adminAuthFailuresPerClient).toEqual({ points: 10, durationSeconds: 900, firstDelaySeconds: 1, maxDelaySeconds: 60 });
    expect(resolveConfig({ ...base, rateLimits: { signInFailuresGlobal: false } }).rateLimits.signInFailuresGlobal).toBe(false);
    expect(
      resolveConfig({ ...base, rateLimits: { signInFailuresGlobal: { points: 50, durationSeconds: 60 } } }).rateLimits.signInFailuresGlobal,
    ).toEqual({ points: 50, durationSeconds: 60, firstDelaySeconds: 1, maxDelaySeconds: 30 });
    for (const bad of [
      { points: 0, durationSeconds: 60 },
      { points: 1.5, durationSeconds: 60 },
      { points: 5, durationSeconds: 0 },
      { points: 5, durationSeconds: 60, firstDelaySeconds: 0 },
      { points: 5, durationSeconds: 60, firstDelaySeconds: 9, maxDelaySeconds: 3 },
      { points: 5, durationSeconds: 60, maxDelaySeconds: Infinity },
    ]) {
      expect(() => resolveConfig({ ...base, rateLimits: { signInFailuresPerClient: bad } }), JSON.stringify(bad)).toThrow(
        /rateLimits.signInFailuresPerClient/,
      );
    }
  });

  it("each context counts on its own in memory (no module-wide state shared between engines)", async () => {
    const first = createTestEngine({ trustedProxy: { hops: 1 }, rateLimits: limits }).ctx;
    const second = createTestEngine({ trustedProxy: { hops: 1 }, rateLimits: limits }).ctx;
    const ip = { "x-forwarded-for": "198.51.100.77" };
    const exists = (ctx: typeof first) =>
      createAuthClient(ctx).send("GET", "/api/auth/emailpassword/email/exists?email=a%40example.com", { headers: ip });
    expect([(await exists(first)).status, (await exists(first)).status, (await exists(first)).status]).toEqual([200, 200, 429]);
    expect((await exists(second)).status).toBe(200);
  });
});
