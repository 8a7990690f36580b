/**
 * A lockout is a security event of its own: the audit log records the moment an account's
 * failed sign-ins reach their limit, once, and not each attempt the lock then refuses (a flood
 * of refused attempts must not fill the table).
 */
import { expect, it } from "vitest";
import { createTestEngine } from "../testing/test-engine";
import { changePassword } from "./change-password";
import { signIn } from "./sign-in";
import { signUp } from "./sign-up";

const creds = (email: string, password: string) => ({
  email,
  password,
  formFields: { email, password },
  client: { ip: "198.51.100.7", userAgent: "test" },
});

it("the lock of an account is recorded once, with its user, when the last allowed failure fills it", async () => {
  const { ctx, stores } = createTestEngine({ rateLimits: { signInFailuresPerAccount: { points: 3, durationSeconds: 60 } } });
  const up = await signUp(ctx, creds("ada@example.com", "fixture-pw-1"));
  if (up.status !== "OK") throw new Error(up.status);
  const locks = async () => {
    await ctx.audit.settled();
    return (await stores.audit.listEvents({ limit: 500 })).filter((e) => e.type === "auth.account_locked");
  };

  for (let i = 0; i < 2; i++) expect((await signIn(ctx, creds("ada@example.com", "wrong-pass1"))).status).toBe("WRONG_CREDENTIALS_ERROR");
  expect(await locks()).toEqual([]);
  expect((await signIn(ctx, creds("ada@example.com", "wrong-pass1"))).status).toBe("WRONG_CREDENTIALS_ERROR");
  expect(await locks()).toEqual([
    expect.objectContaining({ userId: up.user.id, detail: expect.objectContaining({ method: "emailpassword", count: 3 }) }),
  ]);
  for (let i = 0; i < 5; i++) expect((await signIn(ctx, creds("ada@example.com", "fixture-pw-1"))).status).toBe("TOO_MANY_ATTEMPTS");
  expect(await locks()).toHaveLength(1);
});

it("an unknown email's lock is recorded too, without a user", async () => {
  const { ctx, stores } = createTestEngine({ rateLimits: { signInFailuresPerAccount: { points: 2, durationSeconds: 60 } } });
  for (let i = 0; i < 4; i++) await signIn(ctx, creds("nobody@example.com", "wrong-pass1"));
  await ctx.audit.settled();
  const locks = (await stores.audit.listEvents({ limit: 500 })).filter((e) => e.type === "auth.account_locked");
  expect(locks).toEqual([expect.objectContaining({ userId: null, detail: expect.objectContaining({ method: "emailpassword", count: 2 }) })]);
});

it("guesses at the current password through a session: the lock is recorded once, with the session", async () => {
  const { ctx, stores } = createTestEngine({ rateLimits: { signInFailuresPerAccount: { points: 2, durationSeconds: 60 } } });
  const up = await signUp(ctx, creds("ada@example.com", "fixture-pw-1"));
  if (up.status !== "OK") throw new Error(up.status);
  const change = (oldPassword: string) =>
    changePassword(ctx, { userId: up.user.id, sessionHandle: up.tokens.sessionHandle, oldPassword, newPassword: "fixture-pw-2" });
  for (let i = 0; i < 2; i++) expect((await change("wrong-pass1")).status).toBe("WRONG_CREDENTIALS_ERROR");
  for (let i = 0; i < 3; i++) expect((await change("fixture-pw-1")).status).toBe("TOO_MANY_ATTEMPTS");
  await ctx.audit.settled();
  const locks = (await stores.audit.listEvents({ limit: 500 })).filter((e) => e.type === "auth.account_locked");
  expect(locks).toEqual([
    expect.objectContaining({
      userId: up.user.id,
      detail: expect.objectContaining({ method: "password-change", sessionHandle: up.tokens.sessionHandle, count: 2 }),
    }),
  ]);
});

it("a store failure while the lock's user is looked up leaves the answer alone: the lock is recorded without the user", async () => {
  const { ctx, stores } = createTestEngine({ rateLimits: { signInFailuresPerAccount: { points: 2, durationSeconds: 60 } } });
  const up = await signUp(ctx, creds("ada@example.com", "fixture-pw-1"));
  if (up.status !== "OK") throw new Error(up.status);
  expect((await signIn(ctx, creds("ada@example.com", "wrong-pass1"))).status).toBe("WRONG_CREDENTIALS_ERROR");
  // The locking attempt reads the account to check the password, then again to name the lock's
  // user: only the second read fails.
  const users = ctx.stores.users;
  const find = users.findEmailPasswordAccountByEmail.bind(users);
  let reads = 0;
  users.findEmailPasswordAccountByEmail = async (email) => {
    if (++reads === 2) throw new Error("connection reset");
    return find(email);
  };
  expect((await signIn(ctx, creds("ada@example.com", "wrong-pass1"))).status).toBe("WRONG_CREDENTIALS_ERROR");
  expect(reads).toBe(2);
  await ctx.audit.settled();
  const locks = (await stores.audit.listEvents({ limit: 500 })).filter((e) => e.type === "auth.account_locked");
  expect(locks).toEqual([expect.objectContaining({ userId: null, detail: expect.objectContaining({ method: "emailpassword", count: 2 }) })]);
});
