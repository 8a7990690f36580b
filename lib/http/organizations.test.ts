import { describe, expect, it } from "vitest";
import { decodeFrontToken } from "../auth/session/front-token";
import { createCapturingDelivery, tokenOf } from "../auth/testing/email-fixtures";
import { createTestEngine } from "../auth/testing/test-engine";
import { createAuthClient, credentials } from "./testing/client";
import { verifyRequestSession } from "./verify-request";

const PASSWORD = "fixture-pw-1";
const API = "/api/auth";

async function setUp() {
  const delivery = createCapturingDelivery();
  const engine = createTestEngine({}, { emailDelivery: delivery });
  const user = async (email: string) => {
    const client = createAuthClient(engine.ctx);
    const body = await (await client.send("POST", `${API}/signup`, { body: credentials(email, PASSWORD) })).json();
    return { client, id: body.user.id as string };
  };
  /** A route handler gated on a role in the active organization, as `withSession({ orgRoles })` runs it. */
  const gated = async (client: ReturnType<typeof createAuthClient>, orgRoles: string[], checkDatabase = false) => {
    const cookie = [...client.jar.entries()].map(([name, c]) => `${name}=${c.value}`).join("; ");
    const request = new Request("http://localhost:3000/api/org-page", { headers: { cookie } });
    const result = await verifyRequestSession(engine.ctx, request, { orgRoles, checkDatabase });
    return result.ok ? 200 : result.response.status;
  };
  const owner = await user("owner@example.com");
  const created = await owner.client.send("POST", `${API}/organizations`, { body: { slug: "acme", name: "Acme" } });
  expect(await created.json()).toMatchObject({ status: "OK", organization: { id: "acme", name: "Acme" } });
  return { ...engine, delivery, user, owner, gated };
}

describe("organizations API", () => {
  it("invite → accept → switch → a role-gated handler, and the role follows changes at the next refresh", async () => {
    const { delivery, user, owner, gated } = await setUp();
    const invited = await owner.client.send("POST", `${API}/organizations/acme/invitations`, { body: { email: "bob@example.com", role: "member" } });
    expect(await invited.json()).toMatchObject({ status: "OK" });
    const bob = await user("bob@example.com");
    const accepted = await bob.client.send("POST", `${API}/organizations/invitations/accept`, { body: { token: tokenOf(delivery.sent.at(-1)) } });
    expect(await accepted.json()).toEqual({ status: "OK", organizationId: "acme", role: "member", wasAlreadyMember: false });
    expect(await gated(bob.client, ["member"])).toBe(403); // not active yet

    const switched = await bob.client.send("PUT", `${API}/organizations/active`, { body: { organizationId: "acme" } });
    expect(await switched.json()).toEqual({ status: "OK", active: { id: "acme", role: "member" } });
    expect(decodeFrontToken(switched.headers.get("front-token")!).up).toMatchObject({ tId: "acme", "gh-org": { v: { id: "acme", role: "member" } } });
    expect(await gated(bob.client, ["member"])).toBe(200);
    expect(await gated(bob.client, ["owner", "admin"])).toBe(403);

    await owner.client.send("PUT", `${API}/organizations/acme/members/${bob.id}`, { body: { role: "admin" } });
    await bob.client.send("POST", `${API}/session/refresh`);
    expect(await gated(bob.client, ["owner", "admin"])).toBe(200);

    const list = await (await bob.client.send("GET", `${API}/organizations`)).json();
    expect(list).toMatchObject({ status: "OK", active: { id: "acme", role: "admin" }, organizations: [{ id: "acme", role: "admin" }] });
    const members = await (await bob.client.send("GET", `${API}/organizations/acme/members`)).json();
    expect(members.members.map((m: { role: string }) => m.role).sort()).toEqual(["admin", "owner"]);

    // Removed: the session inside the organization is revoked with the membership
    // (organization-member-removal.test.ts): its access token is refused, and so is its refresh.
    expect((await owner.client.send("DELETE", `${API}/organizations/acme/members/${bob.id}`)).status).toBe(200);
    expect(await gated(bob.client, ["member", "admin"])).toBe(401);
    expect((await bob.client.send("POST", `${API}/session/refresh`)).status).toBe(401);
  });

  it("with checkDatabase, the role in the active organization is read from the database: a demotion closes at once", async () => {
    const { owner, user, stores, ctx, gated } = await setUp();
    const dan = await user("dan@example.com");
    await stores.organizations.addMember({ organizationId: "acme", userId: dan.id, role: "admin", joinedAt: ctx.now() });
    await dan.client.send("PUT", `${API}/organizations/active`, { body: { organizationId: "acme" } });
    expect(await gated(dan.client, ["owner", "admin"], true)).toBe(200);

    expect((await owner.client.send("PUT", `${API}/organizations/acme/members/${dan.id}`, { body: { role: "member" } })).status).toBe(200);
    // The token still says admin until its next refresh; the database says member now.
    expect(await gated(dan.client, ["owner", "admin"])).toBe(200);
    expect(await gated(dan.client, ["owner", "admin"], true)).toBe(403);
    expect(await gated(dan.client, ["member"], true)).toBe(200);

    // A promotion opens at once too, and the active organization stays the token's: another one's role counts for nothing.
    expect((await owner.client.send("PUT", `${API}/organizations/acme/members/${dan.id}`, { body: { role: "admin" } })).status).toBe(200);
    expect(await gated(dan.client, ["admin"], true)).toBe(200);
    await dan.client.send("POST", `${API}/organizations`, { body: { slug: "dans-own", name: "Dan's" } });
    expect(await gated(dan.client, ["owner"], true)).toBe(403);
  });

  it("limits the invitation emails one address is sent, and those one member sends: no mail bomb through the app", async () => {
    const { owner, user, delivery } = await setUp();
    const invite = (client: ReturnType<typeof createAuthClient>, email: string, organizationId = "acme") =>
      client.send("POST", `${API}/organizations/${organizationId}/invitations`, { body: { email, role: "member" } });
    for (let i = 0; i < 5; i++) expect((await invite(owner.client, "victim@example.com")).status).toBe(200);
    const sent = delivery.sent.length;
    const held = await invite(owner.client, "victim@example.com");
    expect(held.status).toBe(429);
    expect(Number(held.headers.get("retry-after"))).toBeGreaterThan(0);
    // Another organization's manager asks in vain too: the count is the address's.
    const mallory = await user("mallory@example.com");
    await mallory.client.send("POST", `${API}/organizations`, { body: { slug: "spam", name: "Prize" } });
    expect((await invite(mallory.client, "Victim@Example.com", "spam")).status).toBe(429);
    expect(delivery.sent.length).toBe(sent);
    expect((await invite(owner.client, "someone.else@example.com")).status).toBe(200);

    // One member spraying many addresses is held back too.
    let status = 200;
    for (let i = 0; i < 101 && status === 200; i++) status = (await invite(mallory.client, `target${i}@example.com`, "spam")).status;
    expect(status).toBe(429);
    expect(delivery.sent.filter((mail) => mail.to.startsWith("target")).length).toBe(100);
  });

  it("limits the organizations one user creates: no script takes every slug or grows the tables without bound", async () => {
    const { owner, user, stores } = await setUp(); // owner made "acme"
    const create = (client: ReturnType<typeof createAuthClient>, slug: string) =>
      client.send("POST", `${API}/organizations`, { body: { slug, name: slug } });
    for (let i = 1; i < 10; i++) expect((await create(owner.client, `acme-${i}`)).status).toBe(200);
    const held = await create(owner.client, "acme-10");
    expect(held.status).toBe(429);
    expect(Number(held.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await stores.organizations.getOrganization("acme-10")).toBeNull();
    // A refused slug costs nothing; another user has a count of their own.
    expect((await create(owner.client, "public")).status).toBe(400);
    expect((await create((await user("other@example.com")).client, "acme-10")).status).toBe(200);
  });

  it("counts only organizations created: a slug found taken (409) spends nothing of the hourly count", async () => {
    const { owner, stores } = await setUp(); // owner made "acme"
    const create = (slug: string) => owner.client.send("POST", `${API}/organizations`, { body: { slug, name: slug } });
    for (let i = 0; i < 12; i++) expect((await create("acme")).status).toBe(409);
    expect((await create("acme-next")).status).toBe(200);
    expect(await stores.organizations.getOrganization("acme-next")).not.toBeNull();
  });

  it("counts an address's invitations per mailbox: another spelling of it is no way past the limit", async () => {
    const { owner, delivery } = await setUp();
    const invite = (email: string) => owner.client.send("POST", `${API}/organizations/acme/invitations`, { body: { email, role: "member" } });
    for (let i = 0; i < 5; i++) expect((await invite("victim@bücher.example")).status).toBe(200);
    const sent = delivery.sent.length;
    // The domain as DNS carries it is the same mailbox (isSameMailbox): the same count.
    expect((await invite("victim@xn--bcher-kva.example")).status).toBe(429);
    // Address-list syntax reaches the mailbox it ends with (nodemailer sends "x,victim@…" to
    // victim@… alone, "group:victim@…;" too): refused as an address, as a sign-up's is.
    for (const email of ["x,victim@bücher.example", "group:victim@bücher.example;", "victim@bücher.example\u200b"]) {
      const refused = await invite(email);
      expect(refused.status, email).toBe(400);
      expect(await refused.json()).toEqual({ status: "EMAIL_INVALID" });
    }
    expect(delivery.sent.length).toBe(sent);
  });

  it("refuses what a role does not allow, and deletes only with the slug typed again", async () => {
    const { owner, user, stores, ctx } = await setUp();
    const carol = await user("carol@example.com");
    await stores.organizations.addMember({ organizationId: "acme", userId: carol.id, role: "member", joinedAt: ctx.now() });
    expect(
      (await carol.client.send("POST", `${API}/organizations/acme/invitations`, { body: { email: "x@example.com", role: "member" } })).status,
    ).toBe(403);
    expect((await carol.client.send("POST", `${API}/organizations/acme/delete`, { body: { confirm: "acme" } })).status).toBe(403);
    expect((await owner.client.send("POST", `${API}/organizations/acme/leave`)).status).toBe(409);
    const mismatch = await owner.client.send("POST", `${API}/organizations/acme/delete`, { body: { confirm: "ACME" } });
    expect(mismatch.status).toBe(400);
    expect(await mismatch.json()).toEqual({ status: "CONFIRMATION_MISMATCH" });
    expect((await owner.client.send("POST", `${API}/organizations/acme/transfer`, { body: { userId: carol.id } })).status).toBe(200);
    expect((await carol.client.send("POST", `${API}/organizations/acme/delete`, { body: { confirm: "acme" } })).status).toBe(200);
    expect(await stores.organizations.getOrganization("acme")).toBeNull();
  });

  it("answers bad input with a 4xx and a status, and a request without a session with the FDI 401", async () => {
    const { owner, ctx } = await setUp();
    for (const [method, path, body] of [
      ["POST", "/organizations", { slug: "UPPER", name: "x" }],
      ["POST", "/organizations", { slug: "fine-slug" }],
      ["POST", "/organizations", { slug: "fine-slug", name: "x", extra: 1 }],
      ["POST", "/organizations/acme/invitations", { email: "x@example.com", role: "owner" }],
      ["PUT", "/organizations/acme/members/someone", { role: 7 }],
      ["PUT", "/organizations/active", {}],
    ] as const) {
      const response = await owner.client.send(method, `${API}${path}`, { body });
      expect(response.status, path).toBeGreaterThanOrEqual(400);
      expect(response.status, path).toBeLessThan(500);
      expect(await response.json()).toHaveProperty("status");
    }
    const anonymous = await createAuthClient(ctx).send("GET", `${API}/organizations`);
    expect(anonymous.status).toBe(401);
  });
});

describe("tenant isolation", () => {
  it("a member of acme cannot switch to, read or manage globex, nor use globex's invitation for acme", async () => {
    const { owner, user, delivery, gated, ctx } = await setUp();
    const eve = await user("eve@example.com");
    await eve.client.send("POST", `${API}/organizations`, { body: { slug: "globex", name: "Globex" } });
    // Eve owns globex; nothing of acme opens to her.
    for (const [method, path, body] of [
      ["PUT", "/organizations/active", { organizationId: "acme" }],
      ["GET", "/organizations/acme/members", undefined],
      ["POST", "/organizations/acme/invitations", { email: "eve2@example.com", role: "admin" }],
      ["PUT", `/organizations/acme/members/${owner.id}`, { role: "member" }],
      ["POST", "/organizations/acme/delete", { confirm: "acme" }],
    ] as const) {
      expect((await eve.client.send(method, `${API}${path}`, { body })).status, path).toBe(404);
    }
    // Eve's session, active in globex, is an owner there and nothing in acme.
    await eve.client.send("PUT", `${API}/organizations/active`, { body: { organizationId: "globex" } });
    expect(await gated(eve.client, ["owner"])).toBe(200);
    const front = decodeFrontToken(
      (await eve.client.send("PUT", `${API}/organizations/active`, { body: { organizationId: "globex" } })).headers.get("front-token")!,
    );
    expect(front.up["gh-org"]).toMatchObject({ v: { id: "globex", role: "owner" } });

    // An invitation to globex, for owner's address, makes them a member of globex only.
    await eve.client.send("POST", `${API}/organizations/globex/invitations`, { body: { email: "owner@example.com", role: "admin" } });
    const token = tokenOf(delivery.sent.at(-1));
    expect((await owner.client.send("POST", `${API}/organizations/invitations/accept`, { body: { token } })).status).toBe(200);
    const mine = await (await owner.client.send("GET", `${API}/organizations`)).json();
    expect(mine.organizations.map((o: { id: string; role: string }) => [o.id, o.role])).toEqual([
      ["acme", "owner"],
      ["globex", "admin"],
    ]);
    // Signing in to a tenant needs membership of that tenant, whatever the other memberships.
    const stranger = await user("stranger@example.com");
    const refused = await stranger.client.send("POST", `${API}/globex/signin`, { body: credentials("stranger@example.com", PASSWORD) });
    expect(await refused.json()).toEqual({ status: "WRONG_CREDENTIALS_ERROR" });
    const admitted = await createAuthClient(ctx).send("POST", `${API}/globex/signin`, { body: credentials("owner@example.com", PASSWORD) });
    expect(decodeFrontToken(admitted.headers.get("front-token")!).up).toMatchObject({
      tId: "globex",
      "gh-org": { v: { id: "globex", role: "admin" } },
    });
  });
});

describe("creating an organization", () => {
  it("an empty name or slug is the documented NAME_INVALID / SLUG_INVALID, as a blank one is", async () => {
    const { owner } = await setUp();
    const create = async (slug: string, name: string) => {
      const response = await owner.client.send("POST", `${API}/organizations`, { body: { slug, name } });
      return [response.status, (await response.json()).status];
    };
    expect(await create("globex", " ")).toEqual([400, "NAME_INVALID"]);
    expect(await create("globex", "")).toEqual([400, "NAME_INVALID"]);
    expect(await create("", "Globex")).toEqual([400, "SLUG_INVALID"]);
  });
});
