/**
 * A member removed from an organization, or leaving it, over the organizations API keeps no
 * session inside it, nor does anyone once its owner deletes it (lib/auth/organizations/member-removal.ts; docs/organizations.md, "Sessions
 * inside an organization"): their access tokens inside are refused by a handler that asks no
 * database, their refresh tokens are dead, and their other sessions live on.
 */
import { describe, expect, it } from "vitest";
import { createApiKey } from "../auth/apikeys/api-keys";
import { createTestEngine } from "../auth/testing/test-engine";
import { createAuthClient, credentials } from "./testing/client";
import { verifyRequestSession } from "./verify-request";

const PASSWORD = "fixture-pw-1";
const API = "/api/auth";

type Client = ReturnType<typeof createAuthClient>;

async function setUp() {
  const engine = createTestEngine();
  const { ctx, stores } = engine;
  /** A signed-in browser of `email`, signing up first when it has no account. */
  const browser = async (email: string) => {
    const client = createAuthClient(ctx);
    const signUp = await (await client.send("POST", `${API}/signup`, { body: credentials(email, PASSWORD) })).json();
    if (signUp.status === "OK") return { client, id: signUp.user.id as string };
    const signIn = await (await client.send("POST", `${API}/signin`, { body: credentials(email, PASSWORD) })).json();
    return { client, id: signIn.user.id as string };
  };
  const switchTo = async (client: Client, organizationId: string) =>
    expect((await client.send("PUT", `${API}/organizations/active`, { body: { organizationId } })).status).toBe(200);
  /** A route handler's check with no database call (`withSession`): the status it answers. */
  const handlerStatus = async (client: Client) => {
    const cookie = [...client.jar.entries()].map(([name, c]) => `${name}=${c.value}`).join("; ");
    const result = await verifyRequestSession(ctx, new Request("http://localhost:3000/api/data", { headers: { cookie } }));
    return result.ok ? 200 : result.response.status;
  };
  const refreshStatus = async (client: Client) => (await client.send("POST", `${API}/session/refresh`)).status;

  const owner = await browser("owner@example.com");
  expect((await owner.client.send("POST", `${API}/organizations`, { body: { slug: "acme", name: "Acme" } })).status).toBe(200);
  await switchTo(owner.client, "acme");
  const bob = await browser("bob@example.com");
  await stores.organizations.addMember({ organizationId: "acme", userId: bob.id, role: "admin", joinedAt: ctx.now() });
  /** Bob's browsers: one inside acme, one on the public tenant. */
  const inside = bob.client;
  await switchTo(inside, "acme");
  const outside = (await browser("bob@example.com")).client;
  return { ...engine, owner, bob, inside, outside, switchTo, handlerStatus, refreshStatus };
}

describe("removing a member over the organizations API", () => {
  it("refuses the removed member's access token inside the organization and kills its refresh token; their public session lives", async () => {
    const { owner, bob, inside, outside, handlerStatus, refreshStatus } = await setUp();
    expect(await handlerStatus(inside)).toBe(200);

    const removed = await owner.client.send("DELETE", `${API}/organizations/acme/members/${bob.id}`);
    expect(await removed.json()).toEqual({ status: "OK" });

    expect(await handlerStatus(inside)).toBe(401);
    expect(await refreshStatus(inside)).toBe(401);
    expect(await handlerStatus(outside)).toBe(200);
    expect(await refreshStatus(outside)).toBe(200);
    // The manager's own session inside the organization is no concern of the removal.
    expect(await handlerStatus(owner.client)).toBe(200);
    expect(await refreshStatus(owner.client)).toBe(200);
  });
});

describe("an admin removing themselves over the organizations API", () => {
  it("from inside it: answers OK and clears the tokens of the session that ended with the membership, as leaving does", async () => {
    const { bob, inside, outside, refreshStatus } = await setUp();
    const removed = await inside.send("DELETE", `${API}/organizations/acme/members/${bob.id}`);
    expect(await removed.json()).toEqual({ status: "OK" });
    expect(removed.headers.get("front-token")).toBe("remove");
    expect(inside.jar.size).toBe(0);
    expect(await refreshStatus(outside)).toBe(200);
  });

  it("from outside it: stays signed in", async () => {
    const { bob, outside, refreshStatus } = await setUp();
    const removed = await outside.send("DELETE", `${API}/organizations/acme/members/${bob.id}`);
    expect(await removed.json()).toEqual({ status: "OK" });
    expect(removed.headers.get("front-token")).toBeNull();
    expect(await refreshStatus(outside)).toBe(200);
  });
});

describe("removing a member over the admin API", () => {
  async function withAdminKey() {
    const set = await setUp();
    const key = await createApiKey(set.ctx, { name: "ops" });
    if (key.status !== "OK") throw new Error(key.status);
    const admin = createAuthClient(set.ctx);
    const remove = async (organizationId: string, userId: string) => {
      const response = await admin.send("DELETE", `${API}/admin/organizations/${organizationId}/members/${userId}`, {
        headers: { authorization: `Bearer ${key.key}` },
      });
      return [response.status, await response.json()];
    };
    return { ...set, remove };
  }

  it("removes the member and ends their sessions inside the organization, as an owner's removal does", async () => {
    const { bob, inside, outside, owner, stores, handlerStatus, refreshStatus, remove } = await withAdminKey();
    expect(await remove("acme", bob.id)).toEqual([200, { status: "OK", revokedSessionCount: 1 }]);
    expect(await stores.organizations.getMembership("acme", bob.id)).toBeNull();
    expect(await handlerStatus(inside)).toBe(401);
    expect(await refreshStatus(inside)).toBe(401);
    expect(await refreshStatus(outside)).toBe(200);
    expect(await refreshStatus(owner.client)).toBe(200);
    // Removed already: nothing left to remove.
    expect(await remove("acme", bob.id)).toEqual([404, { status: "NOT_A_MEMBER" }]);
  });

  it("refuses to remove the owner, an unknown organization, and a caller who is no admin", async () => {
    const { bob, owner, stores, remove } = await withAdminKey();
    expect(await remove("acme", owner.id)).toEqual([409, { status: "MEMBER_IS_OWNER" }]);
    expect(await stores.organizations.getMembership("acme", owner.id)).toMatchObject({ role: "owner" });
    expect(await remove("nope", bob.id)).toEqual([404, { status: "UNKNOWN_ORGANIZATION" }]);
    // The owner of the organization is no app admin: the admin API is not theirs.
    expect((await owner.client.send("DELETE", `${API}/admin/organizations/acme/members/${bob.id}`)).status).toBe(403);
    expect(await stores.organizations.getMembership("acme", bob.id)).toMatchObject({ role: "admin" });
  });
});

describe("leaving an organization over the organizations API", () => {
  it("from inside it: answers OK, revokes the session it came with and clears its tokens; the public session lives", async () => {
    const { inside, outside, handlerStatus, refreshStatus } = await setUp();
    const tokensBefore = [...inside.jar.entries()];

    const left = await inside.send("POST", `${API}/organizations/acme/leave`);
    expect(left.status).toBe(200);
    expect(await left.json()).toEqual({ status: "OK" });
    expect(left.headers.get("front-token")).toBe("remove");
    expect(inside.jar.size).toBe(0);

    // The tokens it left with are refused, even presented again.
    for (const [name, cookie] of tokensBefore) inside.jar.set(name, cookie);
    expect(await handlerStatus(inside)).toBe(401);
    expect(await refreshStatus(inside)).toBe(401);
    expect(await handlerStatus(outside)).toBe(200);
    expect(await refreshStatus(outside)).toBe(200);
  });

  it("from outside it (switched to public first): stays signed in, and the session inside is revoked", async () => {
    const { inside, outside, switchTo, handlerStatus, refreshStatus } = await setUp();
    await switchTo(outside, "public");

    const left = await outside.send("POST", `${API}/organizations/acme/leave`);
    expect(await left.json()).toEqual({ status: "OK" });
    expect(left.headers.get("front-token")).toBeNull();

    expect(await handlerStatus(outside)).toBe(200);
    expect(await refreshStatus(outside)).toBe(200);
    expect(await handlerStatus(inside)).toBe(401);
    expect(await refreshStatus(inside)).toBe(401);
  });
});

describe("deleting an organization over the organizations API", () => {
  it("from inside it: answers OK, clears the owner's tokens (their session ended with the others inside)", async () => {
    const { owner, inside, outside, handlerStatus, refreshStatus } = await setUp();
    const deleted = await owner.client.send("POST", `${API}/organizations/acme/delete`, { body: { confirm: "acme" } });
    expect([deleted.status, await deleted.json()]).toEqual([200, { status: "OK" }]);
    expect(deleted.headers.get("front-token")).toBe("remove");
    expect(owner.client.jar.size).toBe(0);
    expect(await handlerStatus(inside)).toBe(401);
    expect(await refreshStatus(outside)).toBe(200);
  });

  it("from outside it (switched to public first): stays signed in", async () => {
    const { owner, switchTo, refreshStatus } = await setUp();
    await switchTo(owner.client, "public");
    const deleted = await owner.client.send("POST", `${API}/organizations/acme/delete`, { body: { confirm: "acme" } });
    expect([deleted.status, await deleted.json()]).toEqual([200, { status: "OK" }]);
    expect(deleted.headers.get("front-token")).not.toBe("remove");
    expect(await refreshStatus(owner.client)).toBe(200);
  });
});
