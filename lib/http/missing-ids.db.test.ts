/**
 * An id the deployer's code passes that is not one: `undefined` from a field that was never set,
 * a value of `await request.json()` (typed `any`, so TypeScript lets it through). Prisma reads a
 * `where: { userId: undefined }` as no condition at all, so a revocation of "that user's" sessions
 * ended every session of every user, and a write of "that session's" data overwrote every
 * session's. Each is refused by name (INVALID_ARGUMENT) before the store is asked, on every database.
 */
import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { createNewSession, getSessionData } from "../auth/session/session";
import { getAllSessionHandlesForUser, listSessionsForUser, updateSessionData } from "../auth/session/session-info";
import { revokeAllSessionsForUser, revokeSession } from "../auth/session/session-revocation";
import { createTestEngine } from "../auth/testing/test-engine";
import {
  createNewRoleOrAddPermissions,
  deleteRole,
  getAllRoles,
  getPermissionsForRole,
  getPermissionsForUser,
  getRolesForUser,
  getRolesThatHavePermission,
  getUsersThatHaveRole,
  removePermissionsFromRole,
} from "../auth/userroles/roles";
import { getUser } from "../auth/users/users";
import { getUserFactors, resetUserFactors } from "../auth/mfa/admin-factors";
import { setUserPassword, verifyUserEmail } from "../auth/users/user-admin-actions";
import { createPrismaStores } from "../store";
import { describeOnEachDatabase } from "../store/testing/each-database";

describeOnEachDatabase((provider, url) => {
  it(`${provider}: an undefined, null or empty user id or session handle is refused, and no other user's session is touched`, async () => {
    const { ctx, stores } = createTestEngine({}, { stores: createPrismaStores(url()) });
    const userId = randomUUID();
    await stores.users.createEmailPasswordUser({ id: userId, email: `${userId}@example.com`, passwordHash: "h", timeJoined: ctx.now() });
    const { sessionHandle } = await createNewSession(ctx, { userId, sessionData: { kept: true } });
    const refused = { name: "GatehouseError", code: "INVALID_ARGUMENT" };
    for (const missing of [undefined, null, ""] as unknown as string[]) {
      await expect(revokeAllSessionsForUser(ctx, missing)).rejects.toMatchObject(refused);
      await expect(updateSessionData(ctx, missing, { overwritten: true })).rejects.toMatchObject(refused);
      await expect(revokeSession(ctx, missing)).rejects.toMatchObject(refused);
      await expect(getAllSessionHandlesForUser(ctx, missing)).rejects.toMatchObject(refused);
      await expect(listSessionsForUser(ctx, missing)).rejects.toMatchObject(refused);
      await expect(getRolesForUser(ctx, missing)).rejects.toMatchObject(refused);
      await expect(getPermissionsForUser(ctx, missing)).rejects.toMatchObject(refused);
      await expect(getUser(ctx, missing)).rejects.toMatchObject(refused);
    }
    expect(await getAllSessionHandlesForUser(ctx, userId)).toEqual([sessionHandle]);
    expect(await getSessionData(ctx, sessionHandle)).toEqual({ kept: true });
  });

  it(`${provider}: an undefined, null or empty role or permission name is refused, and no role is touched`, async () => {
    const { ctx } = createTestEngine({}, { stores: createPrismaStores(url()) });
    const role = `editor-${randomUUID()}`;
    await createNewRoleOrAddPermissions(ctx, role, ["read"]);
    const refused = { name: "GatehouseError", code: "INVALID_ARGUMENT" };
    for (const missing of [undefined, null, ""] as unknown as string[]) {
      await expect(deleteRole(ctx, missing)).rejects.toMatchObject(refused);
      await expect(removePermissionsFromRole(ctx, missing, ["read"])).rejects.toMatchObject(refused);
      await expect(getPermissionsForRole(ctx, missing)).rejects.toMatchObject(refused);
      await expect(getUsersThatHaveRole(ctx, missing)).rejects.toMatchObject(refused);
      await expect(getRolesThatHavePermission(ctx, missing)).rejects.toMatchObject(refused);
    }
    expect(await getAllRoles(ctx)).toContain(role);
    expect(await getPermissionsForRole(ctx, role)).toEqual({ status: "OK", permissions: ["read"] });
  });

  it(`${provider}: setUserPassword and verifyUserEmail refuse a missing user id, and no account's password changes`, async () => {
    const { ctx, stores } = createTestEngine({}, { stores: createPrismaStores(url()) });
    const userId = randomUUID();
    await stores.users.createEmailPasswordUser({ id: userId, email: `${userId}@example.com`, passwordHash: "the-hash", timeJoined: ctx.now() });
    const refused = { name: "GatehouseError", code: "INVALID_ARGUMENT" };
    for (const missing of [undefined, null, ""] as unknown as string[]) {
      // Every account's password set to one the caller knows: every user's account taken over.
      await expect(setUserPassword(ctx, missing, "Chosen-By-The-Caller-42")).rejects.toMatchObject(refused);
      await expect(verifyUserEmail(ctx, missing)).rejects.toMatchObject(refused);
    }
    expect((await stores.users.findEmailPasswordAccountByEmail(`${userId}@example.com`))?.account.passwordHash).toBe("the-hash");
  });

  it(`${provider}: resetUserFactors and getUserFactors refuse a missing user id, and no user's second factors go`, async () => {
    const { ctx, stores } = createTestEngine({}, { stores: createPrismaStores(url()) });
    const userId = randomUUID();
    await stores.users.createEmailPasswordUser({ id: userId, email: `${userId}@example.com`, passwordHash: "h", timeJoined: ctx.now() });
    const device = {
      id: randomUUID(),
      userId,
      name: "Phone",
      sealedSecret: "sealed",
      period: 30,
      skew: 1,
      verified: true,
      lastUsedStep: null,
      createdAt: ctx.now(),
    };
    expect(await stores.mfa.createTotpDevice(device)).toEqual({ status: "OK" });
    expect(await stores.mfa.replaceRecoveryCodes(userId, [`code-${userId}`], ctx.now())).toBe(true);
    const refused = { name: "GatehouseError", code: "INVALID_ARGUMENT" };
    for (const missing of [undefined, null, ""] as unknown as string[]) {
      // `where: { userId: undefined }` is no condition: every user's authenticators and codes removed.
      await expect(resetUserFactors(ctx, missing)).rejects.toMatchObject(refused);
      await expect(getUserFactors(ctx, missing)).rejects.toMatchObject(refused);
    }
    expect((await stores.mfa.listTotpDevices(userId)).map((d) => d.id)).toEqual([device.id]);
    expect(await stores.mfa.countRecoveryCodes(userId)).toBe(1);
  });

  it(`${provider}: a permissions list that is not an array of names is refused, and the role keeps its permissions`, async () => {
    const { ctx } = createTestEngine({}, { stores: createPrismaStores(url()) });
    const role = `editor-${randomUUID()}`;
    await createNewRoleOrAddPermissions(ctx, role, ["read", "write"]);
    const refused = { name: "GatehouseError", code: "INVALID_ARGUMENT" };
    for (const missing of [undefined, null, "read", [undefined], [""]] as unknown as string[][]) {
      // `permission: { in: undefined }` is no condition: every permission of the role went.
      await expect(removePermissionsFromRole(ctx, role, missing)).rejects.toMatchObject(refused);
      await expect(createNewRoleOrAddPermissions(ctx, role, missing)).rejects.toMatchObject(refused);
    }
    expect(await getPermissionsForRole(ctx, role)).toEqual({ status: "OK", permissions: ["read", "write"] });
  });
});
