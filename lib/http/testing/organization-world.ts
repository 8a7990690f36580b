import { expect } from "vitest";
import { createApiKey } from "../../auth/apikeys/api-keys";
import type { Stores } from "../../auth/ports";
import { createTestEngine } from "../../auth/testing/test-engine";
import { createAuthClient, credentials } from "./client";

const API = "/api/auth";

/**
 * What the tests of names compared exactly (organization slugs, user ids) start from, on the
 * given stores: an organization `slug` made by its owner through the API, and a second user
 * added to it with `role`, each with a client of their own, and calls to the admin API with a
 * fresh key.
 */
export async function organizationWithMember(stores: Stores, slug: string, role: string, domain = "acme.test") {
  const engine = createTestEngine({}, { stores });
  const key = await createApiKey(engine.ctx, { name: "ops" });
  if (key.status !== "OK") throw new Error("key");
  const admin = createAuthClient(engine.ctx);
  const asAdmin = (method: string, path: string, body?: unknown) =>
    admin.send(method, `${API}${path}`, { body, headers: { authorization: `Bearer ${key.key}` } });
  const signUp = async (email: string) => {
    const client = createAuthClient(engine.ctx);
    const body = await (await client.send("POST", `${API}/signup`, { body: credentials(email, "fixture-pw-1") })).json();
    return { client, id: body.user.id as string };
  };
  const owner = await signUp(`owner-${crypto.randomUUID()}@${domain}`);
  expect((await owner.client.send("POST", `${API}/organizations`, { body: { slug, name: "Acme" } })).status).toBe(200);
  const member = await signUp(`member-${crypto.randomUUID()}@${domain}`);
  const joined = await engine.stores.organizations.addMember({ organizationId: slug, userId: member.id, role, joinedAt: engine.ctx.now() });
  expect(joined).toEqual({ status: "OK" });
  return { ...engine, asAdmin, owner, member };
}
