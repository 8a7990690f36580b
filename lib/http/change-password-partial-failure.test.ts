import { describe, expect, it } from "vitest";
import { createMemoryStores } from "../auth/testing/memory-stores";
import { withOutageSwitch } from "../auth/testing/outage-stores";
import { createTestEngine } from "../auth/testing/test-engine";
import { createAuthClient, credentials } from "./testing/client";

const PATH = "/api/auth/user/password/change";

/** An engine whose database goes away the moment a new password hash has been written. */
function outageAfterPasswordWrite() {
  const { stores, outage } = withOutageSwitch(createMemoryStores());
  const armed = { value: false };
  const update = stores.users.updatePasswordHash;
  stores.users = {
    ...stores.users,
    async updatePasswordHash(userId, hash) {
      const updated = await update(userId, hash);
      if (armed.value) outage.down = true;
      return updated;
    },
  };
  const { ctx } = createTestEngine({}, { stores });
  return { ctx, outage, armed };
}

/**
 * A change that fails once the new password is stored (the database going away between the
 * writes) answers 503; it must not leave the other devices signed in under the new password,
 * which the user, told the change failed, would never learn.
 */
describe("POST /user/password/change, failing half-way", () => {
  it("answers 503, and no other device from before stays signed in", async () => {
    const { ctx, outage, armed } = outageAfterPasswordWrite();
    const [a, b] = [createAuthClient(ctx), createAuthClient(ctx)];
    expect((await (await a.send("POST", "/api/auth/signup", { body: credentials("half@example.com", "fixture-pw-1") })).json()).status).toBe("OK");
    expect((await (await b.send("POST", "/api/auth/signin", { body: credentials("half@example.com", "fixture-pw-1") })).json()).status).toBe("OK");

    armed.value = true;
    const failed = await a.send("POST", PATH, { body: { oldPassword: "fixture-pw-1", newPassword: "brand-new-42" } });
    expect(failed.status).toBe(503);
    expect(await failed.json()).toMatchObject({ status: "SERVICE_UNAVAILABLE" });

    armed.value = false;
    outage.down = false;
    expect((await b.send("GET", "/api/auth/user/sessions")).status).toBe(401);
    expect((await a.send("GET", "/api/auth/user/sessions")).status).toBe(200);
  });

  it("fails while signing the other devices out: the password is unchanged, and the same request succeeds", async () => {
    const { stores, outage } = withOutageSwitch(createMemoryStores());
    const deleteSession = stores.sessions.deleteSession;
    const failOnce = { value: true };
    stores.sessions = {
      ...stores.sessions,
      async deleteSession(handle) {
        outage.down = failOnce.value;
        failOnce.value = false;
        return deleteSession(handle);
      },
    };
    const { ctx } = createTestEngine({}, { stores });
    const [a, b] = [createAuthClient(ctx), createAuthClient(ctx)];
    expect((await (await a.send("POST", "/api/auth/signup", { body: credentials("half@example.com", "fixture-pw-1") })).json()).status).toBe("OK");
    expect((await (await b.send("POST", "/api/auth/signin", { body: credentials("half@example.com", "fixture-pw-1") })).json()).status).toBe("OK");
    const change = { body: { oldPassword: "fixture-pw-1", newPassword: "brand-new-42" } };
    expect((await a.send("POST", PATH, change)).status).toBe(503);

    outage.down = false;
    const retried = await a.send("POST", PATH, change);
    expect(await retried.json()).toMatchObject({ status: "OK" });
    expect((await b.send("GET", "/api/auth/user/sessions")).status).toBe(401);
  });
});
