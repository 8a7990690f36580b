import { describe, expect, it } from "vitest";
import { createAuthClient, credentials } from "./client";
import { tokenOfLink, useEmailHarness, type MakeEmailEngine } from "./email-harness";

const RESET_TOKEN = "/api/auth/user/password/reset/token";
const RESET = "/api/auth/user/password/reset";
const emailBody = (email: string) => ({ formFields: [{ id: "email", value: email }] });
const resetBody = (token: string, password: string) => ({ method: "token", token, formFields: [{ id: "password", value: password }] });
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/**
 * Password reset over the real route table, with real email through a loopback SMTP sink.
 * Runs on in-memory stores (email-flows.test.ts) and on SQLite, PostgreSQL and MariaDB
 * (email-flows.db.test.ts).
 */
export function describePasswordResetFlows(name: string, makeEngine: MakeEmailEngine): void {
  describe(name, () => {
    const { sink, engine, mail } = useEmailHarness(makeEngine);

    async function signedUp(ctx: Parameters<typeof createAuthClient>[0], email: string, password = "old-password1") {
      const client = createAuthClient(ctx);
      expect((await client.send("POST", "/api/auth/signup", { body: credentials(email, password) })).status).toBe(200);
      return client;
    }

    it("answers a known and an unknown address identically; only the known one gets a link, on the app origin whatever the Host", async () => {
      const { ctx } = await engine();
      const known = mail("known");
      const unknown = mail("unknown");
      await signedUp(ctx, known);
      const spoofed = { host: "evil.example", "x-forwarded-host": "evil.example" };
      const answers = [];
      for (const email of [known, unknown]) {
        const response = await createAuthClient(ctx).send("POST", RESET_TOKEN, { body: emailBody(email), headers: spoofed });
        const headers = [...response.headers.entries()].filter(([h]) => h !== "date");
        answers.push({ status: response.status, body: await response.text(), headers });
      }
      expect(answers[0]).toEqual({ status: 200, body: '{"status":"OK"}', headers: expect.any(Array) });
      expect(answers[1]).toEqual(answers[0]);

      const received = await sink().waitFor(known);
      expect(received.link).toMatch(/^http:\/\/localhost:3000\/auth\/reset-password\?token=[A-Za-z0-9_-]{43}$/);
      expect(received.html).not.toContain("evil.example");
      await new Promise((r) => setTimeout(r, 200));
      expect(sink().messagesTo(unknown)).toEqual([]);
    });

    it("the answer does not wait for the mail server (a slow SMTP server does not tell a known address apart)", async () => {
      const { ctx } = await engine({ passwordReset: { requestLimit: { points: 100, durationSeconds: 60 } } });
      const known = mail("timing");
      await signedUp(ctx, known);
      sink().setLatency(300);
      try {
        const times: Record<"known" | "unknown", number[]> = { known: [], unknown: [] };
        for (let i = 0; i < 7; i++) {
          for (const kind of ["known", "unknown"] as const) {
            const started = performance.now();
            const response = await createAuthClient(ctx).send("POST", RESET_TOKEN, { body: emailBody(kind === "known" ? known : mail("nobody")) });
            expect(response.status).toBe(200);
            times[kind].push(performance.now() - started);
          }
        }
        expect(median(times.known)).toBeLessThan(median(times.unknown) + 150);
        await sink().waitFor(known, { count: 7, timeoutMs: 20_000 });
      } finally {
        sink().setLatency(0);
      }
    });

    it("the emailed link sets the new password once; the old one fails and other devices are signed out", async () => {
      const { ctx } = await engine();
      const email = mail("reset");
      const laptop = await signedUp(ctx, email);
      const phone = createAuthClient(ctx);
      await phone.send("POST", "/api/auth/signin", { body: credentials(email, "old-password1") });
      await createAuthClient(ctx).send("POST", RESET_TOKEN, { body: emailBody(email) });
      const token = tokenOfLink((await sink().waitFor(email)).link);

      const done = await createAuthClient(ctx).send("POST", RESET, { body: resetBody(token, "new-password2") });
      expect(await done.json()).toEqual({ status: "OK" });
      const old = await createAuthClient(ctx).send("POST", "/api/auth/signin", { body: credentials(email, "old-password1") });
      expect(await old.json()).toEqual({ status: "WRONG_CREDENTIALS_ERROR" });
      const fresh = await createAuthClient(ctx).send("POST", "/api/auth/signin", { body: credentials(email, "new-password2") });
      expect((await fresh.json()).status).toBe("OK");
      expect((await laptop.send("POST", "/api/auth/session/refresh")).status).toBe(401);
      expect((await phone.send("POST", "/api/auth/session/refresh")).status).toBe(401);
      const again = await createAuthClient(ctx).send("POST", RESET, { body: resetBody(token, "third-password3") });
      expect(await again.json()).toEqual({ status: "RESET_PASSWORD_INVALID_TOKEN_ERROR" });
    });

    it("a reset made from a signed-in tab keeps that tab's session; with revokeOtherSessions off, nothing is revoked", async () => {
      for (const revokeOtherSessions of [true, false]) {
        const { ctx } = await engine({ passwordReset: { revokeOtherSessions } });
        const email = mail("keep");
        const tab = await signedUp(ctx, email);
        // A verified address: a reset that proves an unverified one signs everyone else out regardless.
        const account = await ctx.stores.users.findEmailPasswordAccountByEmail(email);
        expect(await ctx.stores.users.markEmailVerified(account!.user.id, email)).toBe(true);
        const other = createAuthClient(ctx);
        await other.send("POST", "/api/auth/signin", { body: credentials(email, "old-password1") });
        await tab.send("POST", RESET_TOKEN, { body: emailBody(email) });
        const token = tokenOfLink((await sink().waitFor(email)).link);
        expect(await (await tab.send("POST", RESET, { body: resetBody(token, "new-password2") })).json()).toEqual({ status: "OK" });
        expect((await tab.send("POST", "/api/auth/session/refresh")).status).toBe(200);
        expect((await other.send("POST", "/api/auth/session/refresh")).status).toBe(revokeOtherSessions ? 401 : 200);
      }
    });

    it("ten parallel uses of one link: exactly one succeeds, and its password is the one set", async () => {
      const { ctx } = await engine();
      const email = mail("race");
      await signedUp(ctx, email);
      await createAuthClient(ctx).send("POST", RESET_TOKEN, { body: emailBody(email) });
      const token = tokenOfLink((await sink().waitFor(email)).link);
      const passwords = Array.from({ length: 10 }, (_, i) => `parallel-password-${i}`);
      const bodies = await Promise.all(
        passwords.map(async (p) => (await createAuthClient(ctx).send("POST", RESET, { body: resetBody(token, p) })).json()),
      );
      expect(bodies.filter((b) => b.status === "OK")).toHaveLength(1);
      expect(bodies.filter((b) => b.status === "RESET_PASSWORD_INVALID_TOKEN_ERROR")).toHaveLength(9);
      const winner = passwords[bodies.findIndex((b) => b.status === "OK")];
      const signIn = await createAuthClient(ctx).send("POST", "/api/auth/signin", { body: credentials(email, winner) });
      expect((await signIn.json()).status).toBe("OK");
    });

    it("a link expires after the TTL (engine clock), and a newer request invalidates the older link", async () => {
      const { ctx, clock } = await engine({ passwordReset: { tokenTtlSeconds: 600 } });
      const email = mail("expiry");
      await signedUp(ctx, email);
      const ask = async (count: number) => {
        await createAuthClient(ctx).send("POST", RESET_TOKEN, { body: emailBody(email) });
        return tokenOfLink((await sink().waitFor(email, { count })).link);
      };
      const reset = async (token: string) =>
        (await (await createAuthClient(ctx).send("POST", RESET, { body: resetBody(token, "new-password2") })).json()).status;

      const expired = await ask(1);
      clock.advanceSeconds(600);
      expect(await reset(expired)).toBe("RESET_PASSWORD_INVALID_TOKEN_ERROR");
      const older = await ask(2);
      const newer = await ask(3);
      expect(await reset(older)).toBe("RESET_PASSWORD_INVALID_TOKEN_ERROR");
      clock.advanceSeconds(599);
      expect(await reset(newer)).toBe("OK");
    });

    it("field errors and malformed requests: a weak password does not spend the link", async () => {
      const { ctx } = await engine();
      const email = mail("fields");
      await signedUp(ctx, email);
      const client = createAuthClient(ctx);
      expect(await (await client.send("POST", RESET_TOKEN, { body: emailBody("not-an-email") })).json()).toEqual({
        status: "FIELD_ERROR",
        formFields: [{ id: "email", error: "Email is invalid" }],
      });
      expect(await (await client.send("POST", RESET_TOKEN, { body: { formFields: [] } })).json()).toMatchObject({ status: "FIELD_ERROR" });
      await client.send("POST", RESET_TOKEN, { body: emailBody(email) });
      const token = tokenOfLink((await sink().waitFor(email)).link);
      expect(await (await client.send("POST", RESET, { body: resetBody(token, "weak") })).json()).toEqual({
        status: "FIELD_ERROR",
        formFields: [{ id: "password", error: "Password must contain at least 8 characters" }],
      });
      expect((await client.send("POST", RESET, { body: { ...resetBody(token, "x"), method: "link" } })).status).toBe(400);
      expect(
        (await client.send("POST", RESET, { body: resetBody(token, "strong-enough1"), headers: { origin: "https://evil.example" } })).status,
      ).toBe(403);
      expect(await (await client.send("POST", RESET, { body: resetBody(token, "strong-enough1") })).json()).toEqual({ status: "OK" });
    });

    it("requests are rate-limited per address, known or not, with 429 and Retry-After", async () => {
      const { ctx } = await engine({ passwordReset: { requestLimit: { points: 2, durationSeconds: 60 } } });
      const known = mail("limit");
      await signedUp(ctx, known);
      for (const email of [known, mail("limit-unknown")]) {
        const statuses = [];
        for (let i = 0; i < 3; i++) statuses.push((await createAuthClient(ctx).send("POST", RESET_TOKEN, { body: emailBody(email) })).status);
        expect(statuses).toEqual([200, 200, 429]);
      }
      const limited = await createAuthClient(ctx).send("POST", RESET_TOKEN, { body: emailBody(known.toUpperCase()) });
      expect(limited.status).toBe(429);
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
      expect(await limited.json()).toMatchObject({ status: "GENERAL_ERROR" });
      await sink().waitFor(known, { count: 2 }); // the two accepted requests' emails, sent after their answers
    });

    it("requests over all clients share one budget (sendLimitGlobal), spent and refused alike for known and unknown addresses", async () => {
      const { ctx } = await engine({ passwordReset: { sendLimitGlobal: { points: 2, durationSeconds: 3600 } } });
      const known = mail("budget");
      await signedUp(ctx, known);
      const statuses = [];
      for (const email of [mail("budget-unknown"), known, known, mail("budget-unknown")]) {
        statuses.push((await createAuthClient(ctx).send("POST", RESET_TOKEN, { body: emailBody(email) })).status);
      }
      expect(statuses).toEqual([200, 200, 429, 429]);
      await sink().waitFor(known);
      await new Promise((r) => setTimeout(r, 200));
      expect(sink().messagesTo(known)).toHaveLength(1);
    });
  });
}
