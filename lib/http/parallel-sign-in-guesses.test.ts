/**
 * Wrong passwords sent all at once for one account: the account's limit admits no more of them
 * to the password check than it admits one by one. Checked before the password and counted only
 * once found wrong, a burst was all checked before the first of it was counted, and every guess
 * in it was weighed (twelve for a limit of three).
 */
import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { createTestEngine } from "../auth/testing/test-engine";
import { createAuthClient, credentials } from "./testing/client";

it("a burst of wrong passwords for one account gets no more guesses than the account's limit", async () => {
  const { ctx } = createTestEngine({
    rateLimits: { signInFailuresPerAccount: { points: 3, durationSeconds: 60 }, signInPerIp: { points: 100, durationSeconds: 60 } },
  });
  const client = createAuthClient(ctx);
  const email = `burst-${randomUUID()}@example.com`;
  expect((await (await client.send("POST", "/api/auth/signup", { body: credentials(email, "fixture-pw-1") })).json()).status).toBe("OK");
  const answers = await Promise.all(
    Array.from({ length: 12 }, async (_, i) => {
      const res = await client.send("POST", "/api/auth/signin", { body: credentials(email, `wrong-pass-${i}`) });
      return res.status === 429 ? "429" : ((await res.json()) as { status: string }).status;
    }),
  );
  expect(answers.filter((a) => a === "WRONG_CREDENTIALS_ERROR").length).toBe(3);
  expect(answers.filter((a) => a === "429").length).toBe(9);
  // Within the window the right password is held back too: the refused guesses took no place of it.
  expect((await client.send("POST", "/api/auth/signin", { body: credentials(email, "fixture-pw-1") })).status).toBe(429);
});
