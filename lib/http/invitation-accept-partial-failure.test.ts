import { describe, expect, it } from "vitest";
import { createCapturingDelivery, tokenOf } from "../auth/testing/email-fixtures";
import { createMemoryStores } from "../auth/testing/memory-stores";
import { outageAt, withOutageSwitch } from "../auth/testing/outage-stores";
import { createTestEngine } from "../auth/testing/test-engine";
import { createAuthClient, credentials } from "./testing/client";

const API = "/api/auth";

/**
 * Accepting an invitation also verifies the invited address (the token came to it). The
 * membership was written first, then the address: a failure between them (the database going
 * away) answered 503 with the invitation used up, so that the retry the 503 asks for was told
 * the invitation was no longer open (410) and the address stayed unverified.
 */
describe("POST /organizations/invitations/accept failing half-way", () => {
  it("answers 503, and the same request then accepts and verifies the address", async () => {
    const memory = createMemoryStores();
    const { stores, outage } = withOutageSwitch(memory);
    const failOnce = outageAt(stores, outage, "users", "markEmailVerified");
    const delivery = createCapturingDelivery();
    const { ctx } = createTestEngine({}, { stores, emailDelivery: delivery });
    const signUp = async (email: string) => {
      const client = createAuthClient(ctx);
      const body = await (await client.send("POST", `${API}/signup`, { body: credentials(email, "fixture-pw-1") })).json();
      return { client, id: body.user.id as string };
    };
    const owner = await signUp("owner@example.com");
    await memory.users.markEmailVerified(owner.id, "owner@example.com");
    expect((await owner.client.send("POST", `${API}/organizations`, { body: { slug: "acme", name: "Acme" } })).status).toBe(200);
    await owner.client.send("POST", `${API}/organizations/acme/invitations`, { body: { email: "bob@example.com", role: "member" } });
    const token = tokenOf(delivery.sent.at(-1));
    const bob = await signUp("bob@example.com");

    failOnce.armed = true;
    const accept = () => bob.client.send("POST", `${API}/organizations/invitations/accept`, { body: { token } });
    expect((await accept()).status).toBe(503);
    outage.down = false;

    expect(await (await accept()).json()).toMatchObject({ status: "OK", organizationId: "acme" });
    expect((await memory.users.getUserById(bob.id))?.emailVerified).toBe(true);
  });
});
