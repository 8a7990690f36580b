import { describe, expect, it } from "vitest";
import { createCapturingDelivery, tokenOf } from "../auth/testing/email-fixtures";
import { createMemoryStores } from "../auth/testing/memory-stores";
import { outageAt, withOutageSwitch } from "../auth/testing/outage-stores";
import { createTestEngine } from "../auth/testing/test-engine";
import { createAuthClient, credentials } from "./testing/client";

const VERIFY = "/api/auth/user/email/verify";

/**
 * A verification whose write of the verified address fails (the database going away) answers
 * 503. The link was spent first, so the retry the 503 asks for answered "invalid link", and the
 * user had to ask for another email. Verifying an address twice changes nothing, so the link is
 * spent only once the address is verified.
 */
describe("POST /user/email/verify failing half-way", () => {
  it("answers 503, and the same link then verifies the address", async () => {
    const { stores, outage } = withOutageSwitch(createMemoryStores());
    const failOnce = outageAt(stores, outage, "users", "markEmailVerified");
    const delivery = createCapturingDelivery();
    const { ctx } = createTestEngine({}, { stores, emailDelivery: delivery });
    const client = createAuthClient(ctx);
    const up = await client.send("POST", "/api/auth/signup", { body: credentials("verify@example.com", "fixture-pw-1") });
    expect((await up.json()).status).toBe("OK");
    const sent = await client.send("POST", `${VERIFY}/token`, { headers: { rid: "emailverification" } });
    expect(await sent.json()).toEqual({ status: "OK" });
    const body = { method: "token", token: tokenOf(delivery.links.at(-1)) };

    failOnce.armed = true;
    const failed = await createAuthClient(ctx).send("POST", VERIFY, { body, headers: { rid: "emailverification" } });
    expect(failed.status).toBe(503);
    outage.down = false;

    const retried = await createAuthClient(ctx).send("POST", VERIFY, { body, headers: { rid: "emailverification" } });
    expect((await retried.json()).status).toBe("OK");
    const again = await createAuthClient(ctx).send("POST", VERIFY, { body, headers: { rid: "emailverification" } });
    expect(await again.json()).toEqual({ status: "EMAIL_VERIFICATION_INVALID_TOKEN_ERROR" });
  });
});
