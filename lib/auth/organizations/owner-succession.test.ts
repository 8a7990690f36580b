/**
 * Deleting a user who owns organizations leaves none without an owner (owner-succession.ts):
 * each passes to its longest-standing admin, else its longest-standing member, and one with no
 * other member goes with its owner. Without it the owner's membership went with the user, and
 * no one could delete the organization or hand it on any more.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { EngineLog } from "../log";
import { createTestEngine } from "../testing/test-engine";
import { deleteUser } from "../users/users";
import { createOrganization, deleteOrganization, transferOwnership } from "./organizations";

function setUp() {
  const lines: Record<string, unknown>[] = [];
  const push = (fields: object) => void lines.push(fields as Record<string, unknown>);
  const log: EngineLog = { debug: push, info: push, warn: push, error: push, child: () => log };
  const { ctx, clock } = createTestEngine({}, { log });
  const user = async () => {
    const id = randomUUID();
    const created = await ctx.stores.users.createEmailPasswordUser({ id, email: `${id}@acme.test`, passwordHash: "h", timeJoined: ctx.now() });
    if (created.status !== "OK") throw new Error("user");
    return id;
  };
  /** Adds `userId` as `role`, a minute after whoever joined before. */
  const join = async (organizationId: string, userId: string, role: "admin" | "member") => {
    clock.advanceSeconds(60);
    expect(await ctx.stores.organizations.addMember({ organizationId, userId, role, joinedAt: ctx.now() })).toMatchObject({ status: "OK" });
  };
  const roles = async (organizationId: string) =>
    Object.fromEntries((await ctx.stores.organizations.listMembers(organizationId)).map((m) => [m.userId, m.role]));
  return { ctx, lines, user, join, roles };
}

describe("deleting a user who owns organizations", () => {
  it("hands each to its longest-standing admin, before any member who joined earlier; the new owner can then manage it", async () => {
    const { ctx, lines, user, join, roles } = setUp();
    const [owner, earlyMember, firstAdmin, laterAdmin] = [await user(), await user(), await user(), await user()];
    expect(await createOrganization(ctx, { userId: owner, slug: "acme", name: "Acme" })).toMatchObject({ status: "OK" });
    await join("acme", earlyMember, "member");
    await join("acme", firstAdmin, "admin");
    await join("acme", laterAdmin, "admin");

    expect(await deleteUser(ctx, owner)).toEqual({ status: "OK", didUserExist: true });

    expect(await roles("acme")).toEqual({ [earlyMember]: "member", [firstAdmin]: "owner", [laterAdmin]: "admin" });
    expect(lines).toContainEqual(
      expect.objectContaining({
        event: "organization.ownership_transferred",
        userId: owner,
        organizationId: "acme",
        memberId: firstAdmin,
        reason: "OWNER_DELETED",
      }),
    );
    expect(await transferOwnership(ctx, { organizationId: "acme", userId: firstAdmin, memberId: laterAdmin })).toEqual({ status: "OK" });
    expect(await deleteOrganization(ctx, { organizationId: "acme", userId: laterAdmin, confirm: "acme" })).toMatchObject({ status: "OK" });
  });

  it("hands it to the longest-standing member when it has no admin", async () => {
    const { ctx, user, join, roles } = setUp();
    const [owner, first, second] = [await user(), await user(), await user()];
    expect(await createOrganization(ctx, { userId: owner, slug: "acme", name: "Acme" })).toMatchObject({ status: "OK" });
    await join("acme", first, "member");
    await join("acme", second, "member");

    await deleteUser(ctx, owner);

    expect(await roles("acme")).toEqual({ [first]: "owner", [second]: "member" });
  });

  it("deletes one that has no other member, and leaves alone those the user only belongs to", async () => {
    const { ctx, lines, user, join, roles } = setUp();
    const [owner, other] = [await user(), await user()];
    expect(await createOrganization(ctx, { userId: owner, slug: "solo", name: "Solo" })).toMatchObject({ status: "OK" });
    expect(await createOrganization(ctx, { userId: other, slug: "globex", name: "Globex" })).toMatchObject({ status: "OK" });
    await join("globex", owner, "admin");

    await deleteUser(ctx, owner);

    expect(await ctx.stores.organizations.getOrganization("solo")).toBeNull();
    expect(lines).toContainEqual(
      expect.objectContaining({ event: "organization.deleted", userId: owner, organizationId: "solo", reason: "OWNER_DELETED" }),
    );
    expect(await roles("globex")).toEqual({ [other]: "owner" });
  });
});
