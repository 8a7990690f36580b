import { describe, expect, it } from "vitest";
import { createMemoryStores } from "../auth/testing/memory-stores";
import { outageAt, withOutageSwitch } from "../auth/testing/outage-stores";
import { createTestEngine } from "../auth/testing/test-engine";
import { createAuthClient, credentials } from "./testing/client";

const PATH = "/api/auth/user/password/change";

/** An engine whose database goes away the moment a new password hash has been written. */
function outageAfterPasswordWrite() {
  const { stores, outage } = withOutageSwitch(createMemoryStores());
  const trigger = outageAt(stores, outage, "users", "updatePasswordHash", "after");
  const { ctx } = createTestEngine({}, { stores });
  return { ctx, outage, trigger };
}

/**
 * A change that fails once the new password is stored (the database going away between the
 * writes) answers 503; it must not leave the other devices signed in under the new password,
 * which the user, told the change failed, would never learn.
 */
describe("POST /user/password/change, failing half-way", () => {
  it("answers 503, and no other device from before stays signed in", async () => {
    const { ctx, outage, trigger } = outageAfterPasswordWrite();
    const [a, b] = [createAuthClient(ctx), createAuthClient(ctx)];
    expect((await (await a.send("POST", "/api/auth/signup", { body: credentials("half@example.com", "fixture-pw-1") })).json()).status).toBe("OK");
    expect((await (await b.send("POST", "/api/auth/signin", { body: credentials("half@example.com", "fixture-pw-1") })).json()).status).toBe("OK");

    trigger.armed = true;
    const failed = await a.send("POST", PATH, { body: { oldPassword: "fixture-pw-1", newPassword: "brand-new-42" } });
    expect(failed.status).toBe(503);
    expect(await failed.json()).toMatchObject({ status: "SERVICE_UNAVAILABLE" });

    trigger.armed = false;
    outage.down = false;
    expect((await b.send("GET", "/api/auth/user/sessions")).status).toBe(401);
    expect((await a.send("GET", "/api/auth/user/sessions")).status).toBe(200);
  });

  it("fails while signing the other devices out: the password is unchanged, and the same request succeeds", async () => {
    const { stores, outage } = withOutageSwitch(createMemoryStores());
    outageAt(stores, outage, "sessions", "deleteSession").armed = true;
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
