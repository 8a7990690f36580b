import { describe, expect, it } from "vitest";
import type { Stores } from "../auth/ports";
import { createCapturingDelivery, tokenOf } from "../auth/testing/email-fixtures";
import { createMemoryStores } from "../auth/testing/memory-stores";
import { outageAt, withOutageSwitch, type OutageSwitch } from "../auth/testing/outage-stores";
import { createTestEngine } from "../auth/testing/test-engine";
import { createAuthClient, credentials } from "./testing/client";

const API = "/api/auth";

/**
 * Organization "acme" of a verified owner, and bob with an invitation to it (its token). Before
 * the engine is built, `arm` names the store call at which the database will go away.
 */
async function acmeAndBob(arm: (stores: Stores, outage: OutageSwitch) => { armed: boolean }) {
  const memory = createMemoryStores();
  const { stores, outage } = withOutageSwitch(memory);
  const trigger = arm(stores, outage);
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
  const accept = () => bob.client.send("POST", `${API}/organizations/invitations/accept`, { body: { token } });
  return { memory, outage, trigger, owner, bob, accept };
}

/**
 * Accepting an invitation also verifies the invited address (the token came to it). The
 * membership was written first, then the address: a failure between them (the database going
 * away) answered 503 with the invitation used up, so that the retry the 503 asks for was told
 * the invitation was no longer open (410) and the address stayed unverified.
 */
describe("POST /organizations/invitations/accept failing half-way", () => {
  it("answers 503, and the same request then accepts and verifies the address", async () => {
    const { memory, outage, trigger, bob, accept } = await acmeAndBob((stores, outage) => outageAt(stores, outage, "users", "markEmailVerified"));

    trigger.armed = true;
    expect((await accept()).status).toBe(503);
    outage.down = false;

    expect(await (await accept()).json()).toMatchObject({ status: "OK", organizationId: "acme" });
    expect((await memory.users.getUserById(bob.id))?.emailVerified).toBe(true);
  });
});

/**
 * Deleting an organization ends the sessions inside it (organization-deletion.ts). The row went
 * first and the sessions after, in separate writes: a failure between them (the database going
 * away) answered 503 with the organization gone, so that the retry the 503 asks for found no
 * organization (404), and a member's session inside it lived on, naming a slug anyone may take.
 */
describe("POST /organizations/:id/delete failing half-way", () => {
  it("answers 503, and the same request then deletes it and ends the sessions inside it", async () => {
    const { memory, outage, trigger, owner, bob, accept } = await acmeAndBob((stores, outage) =>
      outageAt(stores, outage, "sessions", "deleteSessions"),
    );
    expect((await accept()).status).toBe(200);
    expect((await bob.client.send("PUT", `${API}/organizations/active`, { body: { organizationId: "acme" } })).status).toBe(200);
    const [inside] = (await memory.sessions.listSessionsOfOrganizationMembers("acme")).filter((s) => s.jwtPayload.tId === "acme");
    expect(inside?.userId).toBe(bob.id);

    trigger.armed = true;
    const remove = () => owner.client.send("POST", `${API}/organizations/acme/delete`, { body: { confirm: "acme" } });
    expect((await remove()).status).toBe(503);
    outage.down = false;

    expect(await (await remove()).json()).toEqual({ status: "OK" });
    expect(await memory.sessions.getSession(inside!.sessionHandle)).toBeNull();
    expect(await memory.organizations.getOrganization("acme")).toBeNull();
  });
});
