/**
 * An ownership transfer to a user racing that user's deletion inside the deletion's transaction,
 * on PostgreSQL and MariaDB, from two instances with their own connections: the deletion has
 * checked that the user owns no organization and not yet deleted them, when another instance
 * hands an organization to them. The transfer must wait for the deletion and then find no member
 * to hand it to (UserAdminStore.deleteUser locks all the user's memberships): unlocked, it
 * commits at once, the cascade deletes the new owner's membership, and the organization is left
 * without an owner whom anyone could replace.
 */
import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import type { TransferOwnershipResult } from "../auth/ports/organization-store";
import type { GatehousePrismaClient } from "./prisma-client";
import { describeOnEachDatabase } from "./testing/each-database";
import { hold, separateInstances } from "./testing/separate-instances";

const T0 = new Date("2031-05-06T07:08:09.123Z");
/** How long the deletion stays open once the transfer is under way: long enough for it to reach the database. */
const DELETION_HELD_MS = 1_000;

describeOnEachDatabase((provider, url) => {
  const instances = separateInstances(url);

  // SQLite's writers take turns, so there is no race to lose there; and in one process, better-sqlite3
  // waits for a lock synchronously, so the deletion could never commit while the transfer waits.
  it.skipIf(provider === "sqlite")(`${provider}: an organization handed to a user mid-deletion keeps its owner`, async () => {
    const [deleterClient, owner] = await instances.open(2);
    const ownerStores = instances.storesOn(owner);
    const user = async () => {
      const id = randomUUID();
      expect(
        (await ownerStores.users.createEmailPasswordUser({ id, email: `lock-${id}@example.com`, passwordHash: "h", timeJoined: T0 })).status,
      ).toBe("OK");
      return id;
    };
    const [ownerId, leavingId] = [await user(), await user()];
    const organizationId = `lock-${randomUUID().slice(0, 8)}`;
    const organization = { id: organizationId, name: "Lock", loginMethods: null, createdAt: T0 };
    expect(await ownerStores.organizations.createOrganization({ organization, ownerUserId: ownerId })).toEqual({ status: "OK" });
    expect(await ownerStores.organizations.addMember({ organizationId, userId: leavingId, role: "admin", joinedAt: T0 })).toEqual({ status: "OK" });

    // Deleting the user's row is the deletion's last step, after every check: the transfer starts
    // there, and the deletion waits before going on.
    let transferred: Promise<TransferOwnershipResult> | undefined;
    const deleter = deleterClient.$extends({
      query: {
        user: {
          async deleteMany({ args, query }) {
            if (!transferred) {
              transferred = ownerStores.organizations.transferOwnership({
                organizationId,
                fromUserId: ownerId,
                toUserId: leavingId,
                formerOwnerRole: "admin",
              });
              await hold(DELETION_HELD_MS);
            }
            return query(args);
          },
        },
      },
    }) as unknown as GatehousePrismaClient;
    const deleterStores = instances.storesOn(deleter);

    const deleted = await deleterStores.userAdmin.deleteUser(leavingId, { revokedAt: T0, expiresAt: new Date(T0.getTime() + 3_600_000) });
    expect(deleted).toEqual({ didUserExist: true, revokedSessionHandles: [] });
    expect(transferred).toBeDefined();
    expect(await transferred!).toEqual({ status: "NOT_A_MEMBER" });
    const members = (await ownerStores.organizations.listMembers(organizationId)).map((m) => [m.userId, m.role]);
    expect(members).toEqual([[ownerId, "owner"]]);
  });
});
