import { describe, expect, it } from "vitest";
import { createCapturingDelivery, tokenOf } from "../auth/testing/email-fixtures";
import { interleaveAt } from "../auth/testing/interleave";
import { createMemoryStores } from "../auth/testing/memory-stores";
import { createTestEngine } from "../auth/testing/test-engine";
import { createAuthClient, credentials } from "./testing/client";

const PATH = "/api/auth/user/password/change";

/** /account's change-password endpoint: current password required, other devices signed out. */
describe("POST /user/password/change", () => {
  async function twoDevices() {
    const { ctx } = createTestEngine();
    const [a, b] = [createAuthClient(ctx), createAuthClient(ctx)];
    expect((await (await a.send("POST", "/api/auth/signup", { body: credentials("change@example.com", "fixture-pw-1") })).json()).status).toBe("OK");
    expect((await (await b.send("POST", "/api/auth/signin", { body: credentials("change@example.com", "fixture-pw-1") })).json()).status).toBe("OK");
    return { ctx, a, b };
  }

  it("refuses a wrong current password and a new one the policy rejects, changing nothing", async () => {
    const { a, b } = await twoDevices();
    const wrong = await a.send("POST", PATH, { body: { oldPassword: "fixture-pw-2", newPassword: "brand-new-42" } });
    expect(await wrong.json()).toEqual({ status: "WRONG_CREDENTIALS_ERROR" });
    const weak = await a.send("POST", PATH, { body: { oldPassword: "fixture-pw-1", newPassword: "short" } });
    expect((await weak.json()).formFields[0].id).toBe("newPassword");
    expect((await b.send("GET", "/api/auth/user/sessions")).status).toBe(200);
  });

  it("changes the password and signs the other devices out, keeping this one", async () => {
    const { ctx, a, b } = await twoDevices();
    const ok = await a.send("POST", PATH, { body: { oldPassword: "fixture-pw-1", newPassword: "brand-new-42" } });
    expect(await ok.json()).toEqual({ status: "OK", revokedSessions: 1 });
    expect((await b.send("GET", "/api/auth/user/sessions")).status).toBe(401);
    expect((await a.send("GET", "/api/auth/user/sessions")).status).toBe(200);
    const fresh = createAuthClient(ctx);
    expect((await (await fresh.send("POST", "/api/auth/signin", { body: credentials("change@example.com", "fixture-pw-1") })).json()).status).toBe(
      "WRONG_CREDENTIALS_ERROR",
    );
    expect((await (await fresh.send("POST", "/api/auth/signin", { body: credentials("change@example.com", "brand-new-42") })).json()).status).toBe(
      "OK",
    );
  });

  it("kills the reset links sent before: a link that outlives the change would undo it", async () => {
    const held: Promise<unknown>[] = [];
    const delivery = createCapturingDelivery();
    const { ctx } = createTestEngine({}, { emailDelivery: delivery, waitUntil: (task) => void held.push(task) });
    const a = createAuthClient(ctx);
    expect((await (await a.send("POST", "/api/auth/signup", { body: credentials("change@example.com", "fixture-pw-1") })).json()).status).toBe("OK");
    const asked = await a.send("POST", "/api/auth/user/password/reset/token", {
      body: { formFields: [{ id: "email", value: "change@example.com" }] },
    });
    expect(await asked.json()).toEqual({ status: "OK" });
    await Promise.all(held);
    const token = tokenOf(delivery.sent.find((m) => m.kind === "PASSWORD_RESET"));
    const ok = await a.send("POST", PATH, { body: { oldPassword: "fixture-pw-1", newPassword: "brand-new-42" } });
    expect((await ok.json()).status).toBe("OK");
    const reset = await createAuthClient(ctx).send("POST", "/api/auth/user/password/reset", {
      body: { method: "token", token, formFields: [{ id: "password", value: "attacker-pw-3" }] },
    });
    expect(await reset.json()).toEqual({ status: "RESET_PASSWORD_INVALID_TOKEN_ERROR" });
    const signIn = await createAuthClient(ctx).send("POST", "/api/auth/signin", { body: credentials("change@example.com", "brand-new-42") });
    expect((await signIn.json()).status).toBe("OK");
  });

  it("kills a reset link asked for while the change runs, before the new password is stored", async () => {
    const held: Promise<unknown>[] = [];
    const delivery = createCapturingDelivery();
    const stores = createMemoryStores();
    // Staged just before the new hash is written: the other sessions are revoked by then.
    const passwordWrite = interleaveAt(stores.users, "updatePasswordHash");
    const { ctx } = createTestEngine({}, { stores, emailDelivery: delivery, waitUntil: (task) => void held.push(task) });
    const a = createAuthClient(ctx);
    expect((await (await a.send("POST", "/api/auth/signup", { body: credentials("change@example.com", "fixture-pw-1") })).json()).status).toBe("OK");
    passwordWrite.before(async () => {
      const asked = await createAuthClient(ctx).send("POST", "/api/auth/user/password/reset/token", {
        body: { formFields: [{ id: "email", value: "change@example.com" }] },
      });
      expect(await asked.json()).toEqual({ status: "OK" });
    });
    const ok = await a.send("POST", PATH, { body: { oldPassword: "fixture-pw-1", newPassword: "brand-new-42" } });
    expect(passwordWrite.pending).toBe(false);
    expect((await ok.json()).status).toBe("OK");
    await Promise.all(held);
    const token = tokenOf(delivery.sent.find((m) => m.kind === "PASSWORD_RESET"));
    const reset = await createAuthClient(ctx).send("POST", "/api/auth/user/password/reset", {
      body: { method: "token", token, formFields: [{ id: "password", value: "attacker-pw-3" }] },
    });
    expect(await reset.json()).toEqual({ status: "RESET_PASSWORD_INVALID_TOKEN_ERROR" });
  });

  it("needs a session", async () => {
    const { ctx } = createTestEngine();
    const res = await createAuthClient(ctx).send("POST", PATH, { body: { oldPassword: "a", newPassword: "b" } });
    expect(res.status).toBe(401);
  });
});
