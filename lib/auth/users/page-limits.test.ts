import { describe, expect, it } from "vitest";
import { createMemoryStores } from "../testing/memory-stores";
import { createTestEngine } from "../testing/test-engine";
import { addRoleToUser, createNewRoleOrAddPermissions, getUsersThatHaveRole } from "../userroles/roles";
import { DEFAULT_PAGE_SIZE, getUsersNewestFirst, getUsersOldestFirst } from "./users";
import { DEFAULT_AUDIT_PAGE_SIZE, getAuditEvents } from "../audit/audit-events";
import { listOrganizationsPage } from "../organizations/tenant-admin";

/**
 * The page size of the engine's paged reads, as a deployer's code passes it (often straight from
 * a query string: `Number("abc")` is NaN). Prisma refuses a `take` that is not an integer, so a
 * NaN reaching the store failed the read as a store outage (503 "temporarily unavailable" with a
 * store failure logged), while the memory store answered an empty page.
 */
describe("page limits of the user list and a role's users", () => {
  async function engineWithUsers(count: number) {
    // The limits the stores are asked for, recorded before the engine wraps its stores.
    const stores = createMemoryStores();
    const limits: number[] = [];
    const listUsers = stores.userAdmin.listUsers.bind(stores.userAdmin);
    stores.userAdmin.listUsers = (query) => (limits.push(query.limit), listUsers(query));
    const byRole = stores.roles.getUsersThatHaveRole.bind(stores.roles);
    stores.roles.getUsersThatHaveRole = (role, page) => (limits.push(page.limit), byRole(role, page));
    const { ctx } = createTestEngine({}, { stores });
    await createNewRoleOrAddPermissions(ctx, "reader", []);
    for (let i = 0; i < count; i++) {
      const id = `user-${i}`;
      await stores.users.createEmailPasswordUser({
        id,
        email: `${id}@example.com`,
        passwordHash: "h",
        timeJoined: new Date(ctx.now().getTime() + i),
      });
      await addRoleToUser(ctx, id, "reader");
    }
    return { ctx, limits };
  }

  it.each([NaN, Number("abc"), undefined])("a limit that is no number (%s) reads the default page size", async (limit) => {
    const { ctx, limits } = await engineWithUsers(3);
    expect(await getUsersNewestFirst(ctx, { limit })).toMatchObject({ status: "OK", users: [{ id: "user-2" }, { id: "user-1" }, { id: "user-0" }] });
    expect(await getUsersOldestFirst(ctx, { limit })).toMatchObject({ status: "OK", users: [{ id: "user-0" }, { id: "user-1" }, { id: "user-2" }] });
    expect(await getUsersThatHaveRole(ctx, "reader", { limit })).toEqual({ status: "OK", users: ["user-0", "user-1", "user-2"] });
    // One row beyond the page tells whether another follows.
    expect(limits).toEqual([DEFAULT_PAGE_SIZE + 1, DEFAULT_PAGE_SIZE + 1, DEFAULT_PAGE_SIZE + 1]);
  });

  it.each([
    [0, 1],
    [-5, 1],
    [-Infinity, 1],
    [2.9, 2],
    [1e9, 500],
    [Infinity, 500],
  ])("a limit of %s reads pages of %s", async (limit, pageSize) => {
    const { ctx, limits } = await engineWithUsers(3);
    const page = await getUsersNewestFirst(ctx, { limit });
    expect(page.status === "OK" && page.users.length).toBe(Math.min(pageSize, 3));
    const holders = await getUsersThatHaveRole(ctx, "reader", { limit });
    expect(holders.status === "OK" && holders.users.length).toBe(Math.min(pageSize, 3));
    expect(limits).toEqual([pageSize + 1, pageSize + 1]);
  });
});

describe("page limits of the audit log and the organization list", () => {
  it.each([NaN, Number("abc")])("a limit that is no number (%s) reads the default page size", async (limit) => {
    const stores = createMemoryStores();
    const limits: number[] = [];
    const listEvents = stores.audit.listEvents.bind(stores.audit);
    stores.audit.listEvents = (query) => (limits.push(query.limit), listEvents(query));
    const listOrganizations = stores.organizations.listOrganizations.bind(stores.organizations);
    stores.organizations.listOrganizations = (page) => (limits.push(page.limit), listOrganizations(page));
    const { ctx } = createTestEngine({}, { stores });
    expect(await getAuditEvents(ctx, { limit })).toMatchObject({ status: "OK", events: [] });
    expect(await listOrganizationsPage(ctx, { limit })).toEqual({ organizations: [] });
    expect(limits).toEqual([DEFAULT_AUDIT_PAGE_SIZE + 1, 100 + 1]);
  });
});
