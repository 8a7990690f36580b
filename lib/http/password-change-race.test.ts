import { describe, expect, it } from "vitest";
import { interleaveAt } from "../auth/testing/interleave";
import { createMemoryStores } from "../auth/testing/memory-stores";
import { createTestEngine } from "../auth/testing/test-engine";
import { createAuthClient, credentials } from "./testing/client";

/**
 * A sign-in with the old password that is still in flight when the owner changes it (argon2id
 * takes its time; an attacker who knows the old password keeps one in flight). Its session row
 * is written after the change revoked "every other session", so the change must still end it.
 */
describe("a sign-in racing a password change", () => {
  it("the session of a sign-in that checked the old password does not outlive the change", async () => {
    const stores = createMemoryStores();
    // Staged just before the next session row is written: the sign-in has verified the old password.
    const sessionWrite = interleaveAt(stores.sessions, "createSession");
    const { ctx } = createTestEngine({}, { stores });
    const owner = createAuthClient(ctx);
    expect((await (await owner.send("POST", "/api/auth/signup", { body: credentials("race@example.com", "old-password-1") })).json()).status).toBe(
      "OK",
    );

    sessionWrite.before(async () => {
      const changed = await owner.send("POST", "/api/auth/user/password/change", {
        body: { oldPassword: "old-password-1", newPassword: "new-password-2" },
      });
      expect((await changed.json()).status).toBe("OK");
    });
    const attacker = createAuthClient(ctx);
    const signIn = await attacker.send("POST", "/api/auth/signin", { body: credentials("race@example.com", "old-password-1") });
    expect(sessionWrite.pending).toBe(false);

    // Whatever the sign-in answered, what it got is no session: not now, and not after a refresh.
    expect((await signIn.json()).status).toBe("WRONG_CREDENTIALS_ERROR");
    expect((await attacker.send("GET", "/api/auth/user/sessions")).status).toBe(401);
    expect((await attacker.send("POST", "/api/auth/session/refresh", { headers: { rid: "session" } })).status).toBe(401);
    const sessions = await (await owner.send("GET", "/api/auth/user/sessions")).json();
    expect(sessions.sessions).toHaveLength(1);
    expect(sessions.sessions[0].current).toBe(true);
  });
});
