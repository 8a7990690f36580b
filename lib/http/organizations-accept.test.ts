import { describe, expect, it } from "vitest";
import { createCapturingDelivery, tokenOf } from "../auth/testing/email-fixtures";
import { createTestEngine } from "../auth/testing/test-engine";
import { createAuthClient, credentials } from "./testing/client";

const API = "/api/auth";

describe("accepting an invitation in REQUIRED email-verification mode", () => {
  it("lets the unverified invitee accept (which verifies the address), then the rest of the API opens", async () => {
    const delivery = createCapturingDelivery();
    const { ctx, stores } = createTestEngine({ emailVerification: { mode: "REQUIRED" } }, { emailDelivery: delivery });
    const signUp = async (email: string) => {
      const client = createAuthClient(ctx);
      const body = await (await client.send("POST", `${API}/signup`, { body: credentials(email, "fixture-pw-1") })).json();
      return { client, id: body.user.id as string };
    };
    const owner = await signUp("owner@example.com");
    await stores.users.markEmailVerified(owner.id, "owner@example.com");
    expect((await owner.client.send("POST", `${API}/organizations`, { body: { slug: "acme", name: "Acme" } })).status).toBe(200);
    await owner.client.send("POST", `${API}/organizations/acme/invitations`, { body: { email: "bob@example.com", role: "member" } });

    const bob = await signUp("bob@example.com");
    // Unverified, the rest of the API refuses Bob (the global claim), as before.
    expect((await bob.client.send("GET", `${API}/organizations`)).status).toBe(403);
    const accepted = await bob.client.send("POST", `${API}/organizations/invitations/accept`, { body: { token: tokenOf(delivery.sent.at(-1)) } });
    expect(await accepted.json()).toMatchObject({ status: "OK", organizationId: "acme" });
    expect((await stores.users.getUserById(bob.id))?.emailVerified).toBe(true);
    const switched = await bob.client.send("PUT", `${API}/organizations/active`, { body: { organizationId: "acme" } });
    expect(await switched.json()).toEqual({ status: "OK", active: { id: "acme", role: "member" } });

    // A wrong token is still no way past the claim: refused as not open, nothing verified.
    const carol = await signUp("carol@example.com");
    const refused = await carol.client.send("POST", `${API}/organizations/invitations/accept`, { body: { token: "nope" } });
    expect(refused.status).toBe(410);
    expect((await stores.users.getUserById(carol.id))?.emailVerified).toBe(false);
  });
});
