/**
 * The auth event log, captured from the real logger while real flows run through the route
 * table: one line per event with the request id, user id and session handle where known, and
 * never a password, a token, a cookie, an API key or the secret.
 */
import { describe, expect, it } from "vitest";
import { createApiKey } from "../auth/apikeys/api-keys";
import { createEngineContext } from "../auth/context";
import type { OutgoingEmail } from "../auth/email/email-delivery";
import { resolveConfig } from "../auth/resolve-config";
import { createMemoryStores } from "../auth/testing/memory-stores";
import { createTestClock, TEST_SECRET } from "../auth/testing/test-engine";
import { createAuthClient, credentials } from "../http/testing/client";
import { errorResponse } from "../http/respond";
import { createLogger } from "./index";

type Line = Record<string, unknown> & { event?: string; level: string; requestId?: string };

function capture() {
  const raw: string[] = [];
  const log = createLogger({ level: "debug", destination: { write: (line: string) => void raw.push(line) } });
  return { log, raw, lines: () => raw.map((l) => JSON.parse(l) as Line) };
}

describe("auth event log", () => {
  it("logs each auth event once with its ids, and no credential at all", async () => {
    const { log, raw, lines } = capture();
    const clock = createTestClock();
    const outbox: OutgoingEmail[] = [];
    const emailDelivery = { send: async (email: OutgoingEmail) => void outbox.push(email) };
    const ctx = createEngineContext({
      config: resolveConfig({}),
      stores: createMemoryStores(),
      secret: TEST_SECRET,
      now: clock.now,
      log,
      emailDelivery,
    });
    const secrets: string[] = [TEST_SECRET];
    const keep = (value: string | null | undefined) => value && secrets.push(value);
    const email = "logged@example.com";
    const [password, newPassword, resetPassword] = ["first-Password1", "second-Password2", "third-Password3"];
    secrets.push(password, newPassword, resetPassword);

    const user = createAuthClient(ctx);
    const up = await user.send("POST", "/api/auth/signup", { body: credentials(email, password), headers: { "x-request-id": "req-signup" } });
    const userId = (await up.json()).user.id as string;
    await user.send("POST", "/api/auth/signin", { body: credentials(email, "wrong-Password9") });
    await user.send("POST", "/api/auth/signin", { body: credentials("nobody@example.com", password) });
    await user.send("POST", "/api/auth/signin", { body: credentials(email, password) });
    const firstRefresh = user.jar.get("sRefreshToken")!.value;
    await user.send("POST", "/api/auth/session/refresh");
    for (const { value } of user.jar.values()) keep(value);
    keep(firstRefresh);
    // The rotated-out token replayed after the grace window: theft.
    clock.advanceSeconds(11);
    await createAuthClient(ctx).send("POST", "/api/auth/session/refresh", { headers: { cookie: `sRefreshToken=${firstRefresh}` }, cookies: false });
    const again = createAuthClient(ctx);
    const signIn = await again.send("POST", "/api/auth/signin", { body: credentials(email, password) });
    keep(signIn.headers.get("set-cookie"));
    for (const { value } of again.jar.values()) keep(value);
    await again.send("POST", "/api/auth/signout");

    await ctx.stores.roles.createRoleOrAddPermissions("admin", []);
    const created = await createApiKey(ctx, { name: "ops" });
    if (created.status !== "OK") throw new Error("key");
    keep(created.key);
    const admin = (method: string, path: string, body?: unknown) =>
      createAuthClient(ctx).send(method, `/api/auth/admin${path}`, {
        body,
        cookies: false,
        headers: { authorization: `Bearer ${created.key}`, "x-request-id": "req-admin" },
      });
    await admin("PUT", `/users/${userId}/roles/admin`);
    await admin("POST", `/users/${userId}/password`, { password: newPassword });
    await createAuthClient(ctx).send("GET", "/api/auth/admin/users", { headers: { authorization: `Bearer gh_${"x".repeat(43)}` } });

    const resetter = createAuthClient(ctx);
    await resetter.send("POST", "/api/auth/user/password/reset/token", { body: { formFields: [{ id: "email", value: email }] } });
    await new Promise((r) => setTimeout(r, 50));
    // The first email with a link (the admin's password change sent a security notice before it).
    const token = new URL(outbox.find((m) => m.kind === "PASSWORD_RESET")!.link).searchParams.get("token")!;
    keep(token);
    const reset = await resetter.send("POST", "/api/auth/user/password/reset", {
      body: { method: "token", token, formFields: [{ id: "password", value: resetPassword }] },
    });
    expect(await reset.json()).toEqual({ status: "OK" });

    const events = lines().filter((l) => l.event);
    const find = (event: string) => events.filter((l) => l.event === event);
    expect(find("auth.signup")).toEqual([
      expect.objectContaining({ level: "info", requestId: "req-signup", userId, method: "emailpassword", sessionHandle: expect.any(String) }),
    ]);
    expect(find("auth.signin_failed").map((l) => l.reason)).toEqual(["WRONG_PASSWORD", "UNKNOWN_EMAIL"]);
    expect(find("auth.signin_failed")[0]).toMatchObject({ userId, requestId: expect.any(String) });
    expect(find("auth.signin")).toHaveLength(2);
    const [refresh] = find("session.refresh");
    expect(refresh).toMatchObject({ userId, sessionHandle: expect.any(String), requestId: expect.any(String) });
    expect(find("session.theft_detected")).toEqual([expect.objectContaining({ level: "warn", userId, sessionHandle: refresh.sessionHandle })]);
    expect(find("session.signout")).toEqual([expect.objectContaining({ userId, sessionHandle: expect.any(String) })]);
    expect(find("apikey.created")).toEqual([expect.objectContaining({ apiKeyId: created.apiKey.id, apiKeyName: "ops" })]);
    expect(find("apikey.used")).toHaveLength(2);
    expect(find("role.granted")).toEqual([
      expect.objectContaining({ userId, role: "admin", actorApiKeyId: created.apiKey.id, requestId: "req-admin" }),
    ]);
    expect(find("password.set")).toEqual([expect.objectContaining({ userId, actorApiKeyId: created.apiKey.id })]);
    expect(find("apikey.rejected")).toEqual([expect.objectContaining({ level: "warn", reason: "INVALID_KEY" })]);
    expect(find("password.reset")).toEqual([expect.objectContaining({ userId, requestId: expect.any(String) })]);
    // Every line of an HTTP request carries an id; ids differ between requests.
    expect(events.filter((l) => l.event !== "apikey.created" && l.event !== "role.created").every((l) => typeof l.requestId === "string")).toBe(true);
    expect(new Set(find("auth.signin_failed").map((l) => l.requestId)).size).toBe(2);

    const everything = raw.join("\n");
    for (const secret of secrets) expect(everything, "a credential reached the log").not.toContain(secret);
    expect(everything).not.toMatch(/\$argon2|sAccessToken|sRefreshToken|eyJ[\w-]+\.|gh_[\w-]{20}/);
  });

  it("censors credential-named fields that a caller passes in, and honours LOG_LEVEL", () => {
    const { log, lines } = capture();
    log.info({ password: "p4ss", headers: { authorization: "Bearer x", cookie: "a=b" }, user: "u1" }, "deployer line");
    expect(lines()[0]).toMatchObject({
      password: "[redacted]",
      headers: { authorization: "[redacted]", cookie: "[redacted]" },
      user: "u1",
      level: "info",
    });

    const raw: string[] = [];
    const quiet = createLogger({ destination: { write: (l: string) => void raw.push(l) } }, { LOG_LEVEL: "warn" });
    quiet.info({ event: "auth.signin" }, "hidden");
    quiet.warn({ event: "session.theft_detected" }, "shown");
    expect(raw.map((l) => JSON.parse(l).event)).toEqual(["session.theft_detected"]);

    const fallback: string[] = [];
    const bad = createLogger({ destination: { write: (l: string) => void fallback.push(l) } }, { LOG_LEVEL: "loud" });
    expect(bad.level).toBe("info");
    expect(JSON.parse(fallback[0])).toMatchObject({ level: "warn", event: "log.invalid_level" });
  });

  it("a failing endpoint is one error line on the request's logger, and no detail to the client", async () => {
    const { log, raw, lines } = capture();
    const clock = createTestClock();
    const stores = createMemoryStores();
    stores.users.findEmailPasswordAccountByEmail = async () => {
      throw new TypeError("boom at /srv/app/secret-path.ts");
    };
    const ctx = createEngineContext({ config: resolveConfig({}), stores, secret: TEST_SECRET, now: clock.now, log });
    const answer = await createAuthClient(ctx).send("POST", "/api/auth/signin", {
      body: credentials("a@example.com", "first-Password1"),
      headers: { "x-request-id": "req-boom" },
    });
    // A store that throws is an outage: 503, retry later, no cookie touched.
    expect(answer.status).toBe(503);
    const body = await answer.text();
    expect(body).not.toMatch(/boom|secret-path/);
    expect(lines().filter((l) => l.event === "request.failed")).toEqual([
      expect.objectContaining({ level: "error", requestId: "req-boom", code: "STORE_FAILED" }),
    ]);

    // An error that is no Gatehouse error at all: a bare 500, the stack in the log only.
    const unexpected = errorResponse(new RangeError("odd at /srv/app/other-path.ts"), log);
    expect(unexpected.status).toBe(500);
    expect(await unexpected.text()).not.toMatch(/odd|other-path/);
    expect(lines().at(-1)).toMatchObject({
      level: "error",
      event: "request.failed",
      err: { type: "RangeError", message: "odd at /srv/app/other-path.ts" },
    });
    expect(raw.join("\n")).toContain("boom at /srv/app/secret-path.ts");
  });
});
