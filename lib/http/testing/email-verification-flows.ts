import { describe, expect, it, vi } from "vitest";
import { decodeFrontToken } from "../../auth/session/front-token";
import { createAuthClient, credentials } from "./client";
import { appHandler, tokenOfLink, useEmailHarness, type MakeEmailEngine } from "./email-harness";

const SEND = "/api/auth/user/email/verify/token";
const VERIFY = "/api/auth/user/email/verify";
const verifyBody = (token: string) => ({ method: "token", token });
const INVALID_CLAIM = {
  message: "invalid claim",
  claimValidationErrors: [{ id: "st-ev", reason: { message: "wrong value", expectedValue: true, actualValue: false } }],
};

/** Email verification over the real route table, with real email through a loopback SMTP sink. */
export function describeEmailVerificationFlows(name: string, makeEngine: MakeEmailEngine): void {
  describe(name, () => {
    const { sink, engine, mail } = useEmailHarness(makeEngine);

    async function signedUp(ctx: Parameters<typeof appHandler>[0], email: string) {
      const client = createAuthClient(ctx, appHandler(ctx));
      const up = await client.send("POST", "/api/auth/signup", { body: credentials(email, "fixture-pw-1") });
      expect(up.status).toBe(200);
      return { client, front: decodeFrontToken(up.headers.get("front-token")!) };
    }

    it("sends a link, verifies it once with the session's claim re-minted, then reports the address verified", async () => {
      const { ctx, clock } = await engine();
      const email = mail("verify");
      const { client, front } = await signedUp(ctx, email);
      expect(front.up["st-ev"]).toEqual({ v: false, t: clock.now().getTime() });
      expect(await (await client.send("GET", VERIFY)).json()).toEqual({ status: "OK", isVerified: false });

      expect(await (await client.send("POST", SEND)).json()).toEqual({ status: "OK" });
      const received = await sink().waitFor(email);
      expect(received.subject).toBe("Verify your email for Gatehouse");
      expect(received.link).toMatch(/^http:\/\/localhost:3000\/auth\/verify-email\?token=/);
      clock.advanceSeconds(5);
      const verified = await client.send("POST", VERIFY, { body: verifyBody(tokenOfLink(received.link)) });
      expect(await verified.json()).toEqual({ status: "OK" });
      expect(decodeFrontToken(verified.headers.get("front-token")!).up["st-ev"]).toEqual({ v: true, t: clock.now().getTime() });
      expect(verified.headers.getSetCookie().some((c) => c.startsWith("sAccessToken=ey"))).toBe(true);

      const status = await client.send("GET", VERIFY);
      expect(await status.json()).toEqual({ status: "OK", isVerified: true });
      expect(status.headers.get("front-token")).toBeNull(); // the claim was already fresh
      expect(await (await client.send("POST", SEND)).json()).toEqual({ status: "EMAIL_ALREADY_VERIFIED_ERROR" });
      const reuse = await createAuthClient(ctx).send("POST", VERIFY, { body: verifyBody(tokenOfLink(received.link)) });
      expect(await reuse.json()).toEqual({ status: "EMAIL_VERIFICATION_INVALID_TOKEN_ERROR" });
    });

    it("REQUIRED: protected APIs answer 403 invalid claim until the email is verified; the verify endpoints stay open", async () => {
      const { ctx } = await engine({ emailVerification: { mode: "REQUIRED" } });
      const email = mail("required");
      const { client } = await signedUp(ctx, email);
      const blocked = await client.send("GET", "/api/app/me");
      expect(blocked.status).toBe(403);
      expect(await blocked.json()).toEqual(INVALID_CLAIM);
      expect((await client.send("GET", VERIFY)).status).toBe(200);
      expect(await (await client.send("POST", SEND)).json()).toEqual({ status: "OK" });
      const token = tokenOfLink((await sink().waitFor(email)).link);
      expect(await (await client.send("POST", VERIFY, { body: verifyBody(token) })).json()).toEqual({ status: "OK" });
      expect((await client.send("GET", "/api/app/me")).status).toBe(200);
      // A refresh keeps it: the claim is read from the database at every issue.
      expect((await client.send("POST", "/api/auth/session/refresh")).status).toBe(200);
      expect((await client.send("GET", "/api/app/me")).status).toBe(200);
    });

    it("verified in another browser: GET /user/email/verify brings this session's claim up to date", async () => {
      const { ctx } = await engine({ emailVerification: { mode: "REQUIRED" } });
      const email = mail("elsewhere");
      const { client } = await signedUp(ctx, email);
      await client.send("POST", SEND);
      const token = tokenOfLink((await sink().waitFor(email)).link);
      const elsewhere = await createAuthClient(ctx).send("POST", VERIFY, { body: verifyBody(token) });
      expect(await elsewhere.json()).toEqual({ status: "OK" });
      expect(elsewhere.headers.get("front-token")).toBeNull();
      expect((await client.send("GET", "/api/app/me")).status).toBe(403);
      const refreshed = await client.send("GET", VERIFY);
      expect(await refreshed.json()).toEqual({ status: "OK", isVerified: true });
      expect(decodeFrontToken(refreshed.headers.get("front-token")!).up["st-ev"]).toMatchObject({ v: true });
      expect((await client.send("GET", "/api/app/me")).status).toBe(200);
    });

    it("ten parallel verifications with one link: exactly one succeeds", async () => {
      const { ctx } = await engine();
      const email = mail("race");
      const { client } = await signedUp(ctx, email);
      await client.send("POST", SEND);
      const token = tokenOfLink((await sink().waitFor(email)).link);
      const bodies = await Promise.all(
        Array.from({ length: 10 }, async () => (await createAuthClient(ctx).send("POST", VERIFY, { body: verifyBody(token) })).json()),
      );
      expect(bodies.filter((b) => b.status === "OK")).toHaveLength(1);
      expect(bodies.filter((b) => b.status === "EMAIL_VERIFICATION_INVALID_TOKEN_ERROR")).toHaveLength(9);
    });

    it("a link expires after the TTL (engine clock), and a newer one invalidates the older", async () => {
      const { ctx, clock } = await engine({ emailVerification: { tokenTtlSeconds: 600, sendLimit: { points: 10, durationSeconds: 60 } } });
      const email = mail("expiry");
      const { client } = await signedUp(ctx, email);
      const ask = async (count: number) => {
        await client.send("POST", SEND);
        return tokenOfLink((await sink().waitFor(email, { count })).link);
      };
      const verify = async (token: string) => (await (await createAuthClient(ctx).send("POST", VERIFY, { body: verifyBody(token) })).json()).status;
      const expired = await ask(1);
      clock.advanceSeconds(600);
      expect(await verify(expired)).toBe("EMAIL_VERIFICATION_INVALID_TOKEN_ERROR");
      const older = await ask(2);
      const newer = await ask(3);
      expect(await verify(older)).toBe("EMAIL_VERIFICATION_INVALID_TOKEN_ERROR");
      clock.advanceSeconds(599);
      expect(await verify(newer)).toBe("OK");
    });

    it("SMTP: transient failures are retried; a final failure is GENERAL_ERROR that names nothing of SMTP", async () => {
      const quiet = [vi.spyOn(console, "warn").mockImplementation(() => {}), vi.spyOn(console, "error").mockImplementation(() => {})];
      try {
        const { ctx } = await engine({ email: { maxAttempts: 3 }, emailVerification: { sendLimit: { points: 10, durationSeconds: 60 } } });
        const email = mail("smtp");
        const { client } = await signedUp(ctx, email);
        sink().failNext(2, 451);
        expect(await (await client.send("POST", SEND)).json()).toEqual({ status: "OK" });
        await sink().waitFor(email);
        for (const [count, code] of [
          [3, 451],
          [1, 550],
        ]) {
          sink().failNext(count, code);
          const failed = await client.send("POST", SEND);
          expect(failed.status).toBe(200);
          const text = await failed.text();
          expect(JSON.parse(text)).toEqual({ status: "GENERAL_ERROR", message: "The email could not be sent. Please try again later." });
          expect(text).not.toMatch(/451|550|injected|smtp|127\.0\.0\.1/i);
        }
        expect(sink().messagesTo(email)).toHaveLength(1);
      } finally {
        sink().failNext(0, 0);
        quiet.forEach((spy) => spy.mockRestore());
      }
    });

    it("sending is rate-limited per user with 429 and Retry-After; both endpoints need a session", async () => {
      const { ctx } = await engine({ emailVerification: { sendLimit: { points: 2, durationSeconds: 60 } } });
      const { client } = await signedUp(ctx, mail("limit"));
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await client.send("POST", SEND)).status);
      expect(statuses).toEqual([200, 200, 429]);
      const limited = await client.send("POST", SEND);
      expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
      const anonymous = createAuthClient(ctx);
      expect((await anonymous.send("POST", SEND)).status).toBe(401);
      expect((await anonymous.send("GET", VERIFY)).status).toBe(401);
      expect((await anonymous.send("POST", VERIFY, { body: { method: "token" } })).status).toBe(400);
    });

    it("verification emails over all users share one budget (sendLimitGlobal): a flood of sign-ups cannot mail any number of addresses", async () => {
      const { ctx } = await engine({ emailVerification: { sendLimitGlobal: { points: 2, durationSeconds: 3600 } } });
      const addresses = ["flood-a", "flood-b", "flood-c"].map(mail);
      const statuses = [];
      for (const address of addresses) statuses.push((await (await signedUp(ctx, address)).client.send("POST", SEND)).status);
      expect(statuses).toEqual([200, 200, 429]);
      // Sent before each answer: the first two addresses have their links, the third nothing.
      expect(addresses.map((address) => sink().messagesTo(address).length)).toEqual([1, 1, 0]);
    });
  });
}
