import { randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { GatehouseConfig } from "../auth/config";
import { createEngineContext } from "../auth/context";
import { resolveConfig } from "../auth/resolve-config";
import { createMemoryStores } from "../auth/testing/memory-stores";
import { createTestClock, createTestEngine, TEST_SECRET } from "../auth/testing/test-engine";
import { createAuthClient, credentials } from "./testing/client";

/**
 * Attacks on the client address (lib/http/client-address.ts): a client that writes its own
 * X-Forwarded-For must not escape a limit, switch counting off, nor choose the address that the
 * audit log and the session list show.
 */
const email = () => `ca-${randomUUID()}@example.com`;
const forged = (n: number) => ({ "x-forwarded-for": `198.51.${Math.floor(n / 250)}.${n % 250}` });

async function statuses(n: number, send: (i: number) => Promise<Response>): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await send(i)).status);
  return out;
}

describe("client address: attacks through forwarding headers", () => {
  it("default config: 120 wrong passwords, each with a fresh X-Forwarded-For, are refused after the per-account allowance", async () => {
    const { ctx } = createTestEngine();
    const client = createAuthClient(ctx);
    const victim = email();
    await client.send("POST", "/api/auth/signup", { body: credentials(victim, "fixture-pw-1") });
    const answers = await statuses(120, (i) =>
      client.send("POST", "/api/auth/signin", { body: credentials(victim, `wrong-pass${i}`), headers: forged(i) }),
    );
    const allowance = ctx.config.rateLimits.signInFailuresPerAccount.points;
    expect(answers.slice(0, allowance)).toEqual(Array(allowance).fill(200));
    expect(answers.slice(allowance)).toEqual(Array(120 - allowance).fill(429));
  }, 60_000);

  it("default config: a spray over many accounts from one client claiming X-Forwarded-For: 127.0.0.1 meets the budget over all clients", async () => {
    const { ctx } = createTestEngine({ rateLimits: { signInFailuresGlobal: { points: 12, durationSeconds: 60 } } });
    const client = createAuthClient(ctx);
    const local = { "x-forwarded-for": "127.0.0.1" };
    // One guess per account: no per-account limit is ever reached.
    const answers = await statuses(20, (i) =>
      client.send("POST", "/api/auth/signin", { body: credentials(email(), `Spring2026!${i}`), headers: local }),
    );
    expect(answers.slice(0, 12)).toEqual(Array(12).fill(200));
    expect(answers.slice(12)).toEqual(Array(8).fill(429));
    const held = await client.send("POST", "/api/auth/signin", { body: credentials(email(), "x-pass-1"), headers: local });
    expect(Number(held.headers.get("retry-after"))).toBeGreaterThan(0);
  }, 60_000);

  it("behind one proxy, a loopback client address is counted like any other: a spray from 127.0.0.1 meets the per-client budget", async () => {
    const { ctx } = createTestEngine({
      trustedProxy: { hops: 1 },
      rateLimits: { signInFailuresPerClient: { points: 6, durationSeconds: 60 }, signUpPerIp: { points: 2, durationSeconds: 60 } },
    });
    const client = createAuthClient(ctx);
    const local = { "x-forwarded-for": "127.0.0.1" };
    const answers = await statuses(9, () => client.send("POST", "/api/auth/signin", { body: credentials(email(), "Spring2026!"), headers: local }));
    expect(answers).toEqual([200, 200, 200, 200, 200, 200, 429, 429, 429]);
    // Another client is not held back by that one.
    expect(
      (await client.send("POST", "/api/auth/signin", { body: credentials(email(), "Spring2026!"), headers: { "x-forwarded-for": "203.0.113.4" } }))
        .status,
    ).toBe(200);
    // Per-IP limits count loopback too.
    expect(await statuses(3, () => client.send("POST", "/api/auth/signup", { body: credentials(email(), "fixture-pw-1"), headers: local }))).toEqual([
      200, 200, 429,
    ]);
  }, 60_000);

  it("behind a proxy, fresh IPv6 addresses from one /64 are one client: a spray from them meets the per-client budget", async () => {
    const { ctx } = createTestEngine({ trustedProxy: { hops: 1 }, rateLimits: { signInFailuresPerClient: { points: 4, durationSeconds: 60 } } });
    const client = createAuthClient(ctx);
    const answers = await statuses(6, (i) =>
      client.send("POST", "/api/auth/signin", {
        body: credentials(email(), "Spring2026!"),
        headers: { "x-forwarded-for": `2001:db8:7:7:${i.toString(16)}::${(i + 1).toString(16)}` },
      }),
    );
    expect(answers).toEqual([200, 200, 200, 200, 429, 429]);
    expect(
      (
        await client.send("POST", "/api/auth/signin", {
          body: credentials(email(), "Spring2026!"),
          headers: { "x-forwarded-for": "2001:db8:7:8::1" },
        })
      ).status,
    ).toBe(200);
    // The session list and the audit log still show the whole address.
    await client.send("POST", "/api/auth/signup", {
      body: credentials(email(), "fixture-pw-1"),
      headers: { "x-forwarded-for": "2001:db8:7:9::abc" },
    });
    expect((await (await client.send("GET", "/api/auth/user/sessions")).json()).sessions).toEqual([
      expect.objectContaining({ ip: "2001:db8:7:9::abc" }),
    ]);
  }, 60_000);

  it("default config: a forged X-Forwarded-For or X-Real-IP reaches neither the audit log nor the session list", async () => {
    const { ctx } = createTestEngine();
    const client = createAuthClient(ctx);
    const forgedHeaders = { "x-forwarded-for": "6.6.6.6", "x-real-ip": "7.7.7.7" };
    const address = email();
    const signedUp = await client.send("POST", "/api/auth/signup", { body: credentials(address, "fixture-pw-1"), headers: forgedHeaders });
    expect(signedUp.status).toBe(200);
    await client.send("POST", "/api/auth/signin", { body: credentials(address, "wrong-pass1"), headers: forgedHeaders });
    const listed = await (await client.send("GET", "/api/auth/user/sessions", { headers: forgedHeaders })).json();
    expect(listed.sessions).toEqual([expect.objectContaining({ ip: null })]);
    const events = await ctx.stores.audit.listEvents({ limit: 50 });
    expect(events.map((e) => e.type)).toEqual(expect.arrayContaining(["auth.signup", "auth.signin_failed"]));
    expect(JSON.stringify(events)).not.toMatch(/6\.6\.6\.6|7\.7\.7\.7/);
    expect(events.every((e) => e.ip === null)).toBe(true);
  });

  it("{ hops: 1 }: the right-most entry is the client; an entry the client prepends is ignored and escapes nothing", async () => {
    const { ctx } = createTestEngine({ trustedProxy: { hops: 1 } });
    const client = createAuthClient(ctx);
    const victim = email();
    await client.send("POST", "/api/auth/signup", {
      body: credentials(victim, "fixture-pw-1"),
      headers: { "x-forwarded-for": "6.6.6.6, 203.0.113.20" },
    });
    const listed = await (await client.send("GET", "/api/auth/user/sessions")).json();
    expect(listed.sessions).toEqual([expect.objectContaining({ ip: "203.0.113.20" })]);
    expect((await ctx.stores.audit.listEvents({ limit: 5 })).find((e) => e.type === "auth.signup")?.ip).toBe("203.0.113.20");
    // A fresh prepended address per try: still one client (the proxy's entry), so one bucket.
    const answers = await statuses(12, (i) =>
      client.send("POST", "/api/auth/signin", {
        body: credentials(victim, "wrong-pass1"),
        headers: { "x-forwarded-for": `198.51.100.${i}, 203.0.113.21` },
      }),
    );
    expect(answers).toEqual([...Array(10).fill(200), 429, 429]);
    // The real user, elsewhere, still signs in.
    expect(
      (await client.send("POST", "/api/auth/signin", { body: credentials(victim, "fixture-pw-1"), headers: { "x-forwarded-for": "203.0.113.22" } }))
        .status,
    ).toBe(200);
  }, 60_000);

  it("{ cidrs }: walks X-Forwarded-For from the right past the trusted proxies; the first untrusted hop is the client", async () => {
    const { ctx } = createTestEngine({ trustedProxy: { cidrs: ["10.0.0.0/8", "2001:db8:ffff::/48"] } });
    const client = createAuthClient(ctx);
    const address = email();
    const chain = "6.6.6.6, 203.0.113.30, 2001:db8:ffff::2, 10.1.2.3";
    await client.send("POST", "/api/auth/signup", { body: credentials(address, "fixture-pw-1"), headers: { "x-forwarded-for": chain } });
    const listed = await (await client.send("GET", "/api/auth/user/sessions")).json();
    expect(listed.sessions).toEqual([expect.objectContaining({ ip: "203.0.113.30" })]);
    // Only trusted hops: nobody outside vouched for an address, so it is unknown.
    const inside = createAuthClient(ctx);
    await inside.send("POST", "/api/auth/signup", {
      body: credentials(email(), "fixture-pw-1"),
      headers: { "x-forwarded-for": "10.9.9.9, 10.1.2.3" },
    });
    expect((await (await inside.send("GET", "/api/auth/user/sessions")).json()).sessions).toEqual([expect.objectContaining({ ip: null })]);
  });

  it("on Vercel (detected from VERCEL=1): the X-Forwarded-For that Vercel overwrites is the client; X-Real-IP is not read", async () => {
    const config = resolveConfig({ appOrigin: "http://localhost:3000" }, { VERCEL: "1" });
    expect(config.trustedProxy).toEqual({ kind: "vercel" });
    expect(resolveConfig({ appOrigin: "http://localhost:3000" }, {}).trustedProxy).toEqual({ kind: "none" });
    const clock = createTestClock();
    const ctx = createEngineContext({ config, stores: createMemoryStores(), secret: TEST_SECRET, now: clock.now });
    const client = createAuthClient(ctx);
    await client.send("POST", "/api/auth/signup", {
      body: credentials(email(), "fixture-pw-1"),
      headers: { "x-forwarded-for": "203.0.113.40", "x-real-ip": "6.6.6.6" },
    });
    expect((await (await client.send("GET", "/api/auth/user/sessions")).json()).sessions).toEqual([expect.objectContaining({ ip: "203.0.113.40" })]);
  });
});

describe("admin API: failed API-key authentication", () => {
  it("N bad keys write a bounded number of audit rows and are answered 429 past the allowance", async () => {
    const config: GatehouseConfig = { trustedProxy: { hops: 1 } };
    const { ctx } = createTestEngine(config);
    const client = createAuthClient(ctx);
    const bad = (ip: string) =>
      client.send("GET", "/api/auth/admin/users/count", {
        cookies: false,
        headers: { origin: null, rid: null, authorization: `Bearer gh_${randomBytes(32).toString("base64url")}`, "x-forwarded-for": ip },
      });
    const answers = await statuses(60, () => bad("203.0.113.50"));
    expect(answers).toContain(429);
    const allowance = ctx.config.rateLimits.adminAuthFailuresPerClient;
    if (!allowance) throw new Error("the admin limit is on by default");
    expect(answers.slice(0, allowance.points)).toEqual(Array(allowance.points).fill(401));
    expect(answers.slice(allowance.points)).toEqual(Array(60 - allowance.points).fill(429));
    await ctx.audit.settled();
    const rows = (await ctx.stores.audit.listEvents({ limit: 500 })).filter((e) => e.type === "apikey.rejected");
    // One row per failure within the allowance; the refused ones are not even checked.
    expect(rows.length).toBe(allowance.points);
    expect(rows.every((e) => e.ip === "203.0.113.50" && e.detail.reason === "INVALID_KEY")).toBe(true);
    // Another client has its own allowance.
    expect((await bad("203.0.113.51")).status).toBe(401);
  });

  it("default config: without a known address the failures share one bucket, held back by a delay rather than a lockout", async () => {
    // The limits count on a clock the test moves, so that no wait ends between two requests on a slow machine.
    const limitClock = createTestClock();
    const { ctx } = createTestEngine(
      { rateLimits: { adminAuthFailuresPerClient: { points: 3, durationSeconds: 60, firstDelaySeconds: 1, maxDelaySeconds: 1 } } },
      { limitClock },
    );
    const client = createAuthClient(ctx);
    const bad = (n: number) =>
      client.send("GET", "/api/auth/admin/users/count", {
        cookies: false,
        headers: { origin: null, rid: null, authorization: `Bearer gh_${randomBytes(32).toString("base64url")}`, ...forged(n) },
      });
    expect(await statuses(6, bad)).toEqual([401, 401, 401, 429, 429, 429]);
    const held = await bad(99);
    expect(held.headers.get("retry-after")).toBe("1");
    limitClock.advanceSeconds(1.1);
    // The wait is over: the next key is checked again (and, bad, holds the next one back).
    expect((await bad(100)).status).toBe(401);
    expect((await bad(101)).status).toBe(429);
    limitClock.advanceSeconds(1.1);
    expect((await bad(102)).status).toBe(401);
    await ctx.audit.settled();
    // Three rows within the allowance, one that says the client went past it (with the count), then none.
    const rows = (await ctx.stores.audit.listEvents({ limit: 500 })).filter((e) => e.type === "apikey.rejected");
    expect(rows.map((e) => [e.detail.reason, e.detail.count])).toEqual([
      ["TOO_MANY_FAILURES", 4],
      ["INVALID_KEY", 3],
      ["INVALID_KEY", 2],
      ["INVALID_KEY", 1],
    ]);
  });
});
