/**
 * A user deleted while an organization becomes theirs, on SQLite, PostgreSQL and MariaDB, staged
 * (interleaveAt) just after the owner succession ran and just before the deletion's transaction:
 * the owner hands the organization to them, or they create one. Their membership goes with them
 * (ON DELETE CASCADE), so unless the deletion notices and hands it on too, the organization is
 * left with no owner, whom nobody can replace (lib/auth/organizations/owner-succession.ts).
 */
import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { createOrganization, transferOwnership } from "../auth/organizations/organizations";
import { interleaveAt } from "../auth/testing/interleave";
import { createTestEngine } from "../auth/testing/test-engine";
import { deleteUser } from "../auth/users/users";
import { describeOnEachDatabase } from "./testing/each-database";
import { createPrismaStores } from ".";

describeOnEachDatabase((provider, url) => {
  function engine() {
    const stores = createPrismaStores(url());
    // Staged on the store itself, before the engine wraps it.
    const deletion = interleaveAt(stores.userAdmin, "deleteUser");
    const { ctx, clock } = createTestEngine({}, { stores });
    const user = async () => {
      const id = randomUUID();
      const created = await stores.users.createEmailPasswordUser({ id, email: `${id}@acme.test`, passwordHash: "h", timeJoined: ctx.now() });
      if (created.status !== "OK") throw new Error("user");
      return id;
    };
    return { stores, deletion, ctx, clock, user };
  }

  it(`${provider}: an organization handed to a user as they are deleted passes on to its next member`, async () => {
    const { stores, deletion, ctx, clock, user } = engine();
    const [owner, leaving, staying] = [await user(), await user(), await user()];
    const slug = `handed-${randomUUID().slice(0, 8)}`;
    expect(await createOrganization(ctx, { userId: owner, slug, name: "Handed" })).toMatchObject({ status: "OK" });
    clock.advanceSeconds(60);
    expect(await stores.organizations.addMember({ organizationId: slug, userId: leaving, role: "admin", joinedAt: ctx.now() })).toMatchObject({
      status: "OK",
    });
    clock.advanceSeconds(60);
    expect(await stores.organizations.addMember({ organizationId: slug, userId: staying, role: "member", joinedAt: ctx.now() })).toMatchObject({
      status: "OK",
    });

    deletion.before(async () => {
      expect(await transferOwnership(ctx, { organizationId: slug, userId: owner, memberId: leaving })).toEqual({ status: "OK" });
    });
    expect(await deleteUser(ctx, leaving)).toEqual({ status: "OK", didUserExist: true });
    expect(deletion.pending).toBe(false);

    const roles = Object.fromEntries((await stores.organizations.listMembers(slug)).map((m) => [m.userId, m.role]));
    expect(roles).toEqual({ [owner]: "owner", [staying]: "member" });
    expect(await stores.userAdmin.getUserSummary(leaving)).toBeNull();
  });

  it(`${provider}: an organization a user creates as they are deleted goes with them`, async () => {
    const { stores, deletion, ctx, user } = engine();
    const leaving = await user();
    const slug = `created-${randomUUID().slice(0, 8)}`;

    deletion.before(async () => {
      expect(await createOrganization(ctx, { userId: leaving, slug, name: "Created" })).toMatchObject({ status: "OK" });
    });
    expect(await deleteUser(ctx, leaving)).toEqual({ status: "OK", didUserExist: true });
    expect(deletion.pending).toBe(false);

    expect(await stores.organizations.getOrganization(slug)).toBeNull();
    expect(await stores.userAdmin.getUserSummary(leaving)).toBeNull();
  });
});
