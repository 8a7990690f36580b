import { describe, expect, it } from "vitest";
import { createCapturingDelivery, tokenOf } from "../auth/testing/email-fixtures";
import { createMemoryStores } from "../auth/testing/memory-stores";
import { outageAt, withOutageSwitch } from "../auth/testing/outage-stores";
import { createTestEngine } from "../auth/testing/test-engine";
import { createAuthClient, credentials } from "./testing/client";

const EMAIL = "owner@example.com";

/** An engine whose database goes away the moment a new password hash has been written, while `trigger` is armed. */
function outageAfterPasswordWrite() {
  const memory = createMemoryStores();
  const { stores, outage } = withOutageSwitch(memory);
  const trigger = outageAt(stores, outage, "users", "updatePasswordHash", "after");
  const held: Promise<unknown>[] = [];
  const delivery = createCapturingDelivery();
  const { ctx } = createTestEngine({}, { stores, emailDelivery: delivery, waitUntil: (task) => void held.push(task) });
  const resetLink = async () => {
    const asked = await createAuthClient(ctx).send("POST", "/api/auth/user/password/reset/token", {
      body: { formFields: [{ id: "email", value: EMAIL }] },
    });
    expect(await asked.json()).toEqual({ status: "OK" });
    await Promise.all(held);
    return tokenOf(delivery.links.at(-1));
  };
  /** Uses the link with the database failing right after the new password is stored; then it comes back. */
  const resetFailingHalfWay = async (token: string) => {
    trigger.armed = true;
    const reset = await createAuthClient(ctx).send("POST", "/api/auth/user/password/reset", {
      body: { method: "token", token, formFields: [{ id: "password", value: "owner-new-pw-2" }] },
    });
    trigger.armed = false;
    outage.down = false;
    return reset;
  };
  return { ctx, memory, resetLink, resetFailingHalfWay };
}

/**
 * A reset that fails once the new password is stored answers 503 with its link spent. Whoever
 * held the old password must not stay signed in: the owner, told the reset failed, may well sign
 * in with the new password and never ask for another link.
 */
describe("POST /user/password/reset, failing half-way", () => {
  it("leaves no session from before on an account whose address was proven", async () => {
    const { ctx, memory, resetLink, resetFailingHalfWay } = outageAfterPasswordWrite();
    const other = createAuthClient(ctx);
    const up = await other.send("POST", "/api/auth/signup", { body: credentials(EMAIL, "fixture-pw-1") });
    const userId = (await up.json()).user.id;
    expect(await memory.users.markEmailVerified(userId, EMAIL)).toBe(true);

    const reset = await resetFailingHalfWay(await resetLink());
    expect(reset.status).toBe(503);
    expect(await reset.json()).toMatchObject({ status: "SERVICE_UNAVAILABLE" });
    expect((await other.send("GET", "/api/auth/user/sessions")).status).toBe(401);
  });

  it("leaves a pre-registrant of the address no session", async () => {
    const { ctx, resetLink, resetFailingHalfWay } = outageAfterPasswordWrite();
    const attacker = createAuthClient(ctx);
    expect((await (await attacker.send("POST", "/api/auth/signup", { body: credentials(EMAIL, "attacker-pw-1") })).json()).status).toBe("OK");

    const reset = await resetFailingHalfWay(await resetLink());
    expect(reset.status).toBe(503);
    expect((await attacker.send("GET", "/api/auth/user/sessions")).status).toBe(401);
  });
});
