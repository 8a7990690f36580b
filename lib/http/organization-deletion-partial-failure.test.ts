import { describe, expect, it } from "vitest";
import { createCapturingDelivery, tokenOf } from "../auth/testing/email-fixtures";
import { createMemoryStores } from "../auth/testing/memory-stores";
import { outageAt, withOutageSwitch } from "../auth/testing/outage-stores";
import { createTestEngine } from "../auth/testing/test-engine";
import { createAuthClient, credentials } from "./testing/client";

const API = "/api/auth";

/**
 * Deleting an organization ends the sessions inside it (organization-deletion.ts). The row went
 * first and the sessions after, in separate writes: a failure between them (the database going
 * away) answered 503 with the organization gone, so that the retry the 503 asks for found no
 * organization (404), and a member's session inside it lived on, naming a slug anyone may take.
 */
describe("POST /organizations/:id/delete failing half-way", () => {
  it("answers 503, and the same request then deletes it and ends the sessions inside it", async () => {
    const memory = createMemoryStores();
    const { stores, outage } = withOutageSwitch(memory);
    const failOnce = outageAt(stores, outage, "sessions", "deleteSessions");
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
    const bob = await signUp("bob@example.com");
    expect(
      (await bob.client.send("POST", `${API}/organizations/invitations/accept`, { body: { token: tokenOf(delivery.sent.at(-1)) } })).status,
    ).toBe(200);
    expect((await bob.client.send("PUT", `${API}/organizations/active`, { body: { organizationId: "acme" } })).status).toBe(200);
    const [inside] = (await memory.sessions.listSessionsOfOrganizationMembers("acme")).filter((s) => s.jwtPayload.tId === "acme");
    expect(inside?.userId).toBe(bob.id);

    failOnce.armed = true;
    const remove = () => owner.client.send("POST", `${API}/organizations/acme/delete`, { body: { confirm: "acme" } });
    expect((await remove()).status).toBe(503);
    outage.down = false;

    expect(await (await remove()).json()).toEqual({ status: "OK" });
    expect(await memory.sessions.getSession(inside!.sessionHandle)).toBeNull();
    expect(await memory.organizations.getOrganization("acme")).toBeNull();
  });
});
