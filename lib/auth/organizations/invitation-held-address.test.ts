import { describe, expect, it } from "vitest";
import { createEmailEngine, tokenOf } from "../testing/email-fixtures";
import { acceptInvitation, inviteMember } from "./invitations";
import { createOrganization } from "./organizations";

// A format character (here ZWNJ, which Persian words carry) is refused in new addresses since the
// check in isAddressDeliveredAsWritten; a user who signed up with one before still holds it, and
// is invited, and accepts, under it.
const HELD = "ali\u200creza@acme.test";

async function setUp() {
  const engine = createEmailEngine();
  const owner = (await engine.signUpUser("owner@acme.test")).user.id;
  expect(await createOrganization(engine.ctx, { userId: owner, slug: "acme", name: "Acme" })).toMatchObject({ status: "OK" });
  return { engine, owner };
}

describe("an invitation to an address with a format character", () => {
  it("reaches a user who holds that address already, who accepts it", async () => {
    const { engine, owner } = await setUp();
    const created = await engine.ctx.stores.users.createEmailPasswordUser({
      id: "held-user",
      email: HELD,
      passwordHash: "h",
      timeJoined: engine.ctx.now(),
    });
    expect(created.status).toBe("OK");
    expect(await inviteMember(engine.ctx, { organizationId: "acme", userId: owner, email: HELD, role: "member" })).toMatchObject({
      status: "OK",
    });
    const token = tokenOf(engine.delivery.sent.at(-1));
    expect(await acceptInvitation(engine.ctx, { token, userId: "held-user" })).toMatchObject({ status: "OK" });
  });

  it("is still refused when nobody holds the address", async () => {
    const { engine, owner } = await setUp();
    const sent = engine.delivery.sent.length;
    expect(await inviteMember(engine.ctx, { organizationId: "acme", userId: owner, email: HELD, role: "member" })).toEqual({
      status: "EMAIL_INVALID",
    });
    expect(engine.delivery.sent).toHaveLength(sent);
  });
});
