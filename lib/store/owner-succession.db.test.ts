/**
 * Deleting a user who owns organizations, on each database (lib/auth/organizations/
 * owner-succession.ts): the one with other members passes to its longest-standing admin, even
 * with a member who joined earlier, and the one with no other member goes with its owner.
 */
import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { createOrganization } from "../auth/organizations/organizations";
import { createTestEngine } from "../auth/testing/test-engine";
import { deleteUser } from "../auth/users/users";
import { describeOnEachDatabase } from "./testing/each-database";
import { createPrismaStores } from ".";

describeOnEachDatabase((_provider, url) => {
  it("hands an owned organization to its longest-standing admin and deletes one with no other member", async () => {
    const { ctx, clock } = createTestEngine({}, { stores: createPrismaStores(url()) });
    const user = async () => {
      const id = randomUUID();
      const created = await ctx.stores.users.createEmailPasswordUser({ id, email: `${id}@acme.test`, passwordHash: "h", timeJoined: ctx.now() });
      if (created.status !== "OK") throw new Error("user");
      return id;
    };
    const [owner, earlyMember, firstAdmin, laterAdmin] = [await user(), await user(), await user(), await user()];
    expect(await createOrganization(ctx, { userId: owner, slug: "acme", name: "Acme" })).toMatchObject({ status: "OK" });
    expect(await createOrganization(ctx, { userId: owner, slug: "solo", name: "Solo" })).toMatchObject({ status: "OK" });
    for (const [userId, role] of [
      [earlyMember, "member"],
      [firstAdmin, "admin"],
      [laterAdmin, "admin"],
    ] as const) {
      clock.advanceSeconds(60);
      expect(await ctx.stores.organizations.addMember({ organizationId: "acme", userId, role, joinedAt: ctx.now() })).toMatchObject({ status: "OK" });
    }

    expect(await deleteUser(ctx, owner)).toEqual({ status: "OK", didUserExist: true });

    const roles = Object.fromEntries((await ctx.stores.organizations.listMembers("acme")).map((m) => [m.userId, m.role]));
    expect(roles).toEqual({ [earlyMember]: "member", [firstAdmin]: "owner", [laterAdmin]: "admin" });
    expect(await ctx.stores.organizations.getOrganization("solo")).toBeNull();
  });
});
