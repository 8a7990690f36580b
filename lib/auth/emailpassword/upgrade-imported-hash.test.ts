import { hash as bcryptHash } from "@node-rs/bcrypt";
import { describe, expect, it } from "vitest";
import { interleaveAt } from "../testing/interleave";
import { createMemoryStores } from "../testing/memory-stores";
import { createTestEngine, T0 } from "../testing/test-engine";
import { GATEHOUSE_HASH_PREFIX } from "../imported-hashes/stored-hash-format";
import type { Stores } from "../ports";
import { signIn } from "./sign-in";

const fields = (email: string, password: string) => ({ email, password, formFields: { email, password } });

async function storedHash(stores: Stores, email: string) {
  return (await stores.users.findEmailPasswordAccountByEmail(email))?.account.passwordHash;
}

describe("signing in with an imported hash", () => {
  it("accepts the original password, then keeps Gatehouse's argon2id of it instead", async () => {
    const { ctx, stores } = createTestEngine();
    const imported = await bcryptHash("imported pw 1", 5);
    await stores.users.createEmailPasswordUser({ id: "u-1", email: "ada@example.com", passwordHash: imported, timeJoined: T0 });

    expect((await signIn(ctx, fields("ada@example.com", "wrong pw 1"))).status).toBe("WRONG_CREDENTIALS_ERROR");
    expect(await storedHash(stores, "ada@example.com")).toBe(imported);

    expect((await signIn(ctx, fields("ada@example.com", "imported pw 1"))).status).toBe("OK");
    const upgraded = await storedHash(stores, "ada@example.com");
    expect(upgraded?.startsWith(GATEHOUSE_HASH_PREFIX)).toBe(true);

    // The new hash is of the same password, and is kept from then on.
    expect((await signIn(ctx, fields("ada@example.com", "imported pw 1"))).status).toBe("OK");
    expect(await storedHash(stores, "ada@example.com")).toBe(upgraded);
    const events = await stores.audit.listEvents({ limit: 50 });
    expect(events.filter((e) => e.type === "password.rehashed")).toHaveLength(1);
  });

  it("drops the upgrade when the password was changed between the sign-in's read and its write", async () => {
    // The engine wraps its stores when it is built: the stand-in read goes in before.
    const stores = createMemoryStores();
    const reset = "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$set-by-a-reset-meanwhile";
    // A password reset commits right after the sign-in read the old hash (while it verifies it).
    const read = stores.users.findEmailPasswordAccountByEmail.bind(stores.users);
    stores.users.findEmailPasswordAccountByEmail = async (email) => {
      const found = await read(email);
      if (found) await stores.users.updatePasswordHash(found.user.id, reset);
      return found;
    };
    const { ctx } = createTestEngine({}, { stores });
    await stores.users.createEmailPasswordUser({
      id: "u-3",
      email: "cy@example.com",
      passwordHash: await bcryptHash("imported pw 3", 4),
      timeJoined: T0,
    });
    // The reset wins: the old password's sign-in gets no session either (sign-in.ts).
    expect((await signIn(ctx, fields("cy@example.com", "imported pw 3"))).status).toBe("WRONG_CREDENTIALS_ERROR");
    expect(await stores.sessions.listSessionHandlesForUser("u-3", T0)).toEqual([]);
    expect(await storedHash(stores, "cy@example.com")).toBe(reset);
    const events = await stores.audit.listEvents({ limit: 50 });
    expect(events.filter((e) => e.type === "password.rehashed")).toHaveLength(0);
  });

  it("two sign-ins at once with the imported password both succeed: the one whose upgrade lost still holds the password", async () => {
    const stores = createMemoryStores();
    const upgrade = interleaveAt(stores.users, "replacePasswordHash");
    const { ctx } = createTestEngine({}, { stores });
    await stores.users.createEmailPasswordUser({
      id: "u-4",
      email: "di@example.com",
      passwordHash: await bcryptHash("imported pw 4", 4),
      timeJoined: T0,
    });
    // The other tab's sign-in upgrades the hash between this one's read and its own upgrade.
    upgrade.before(async () => {
      expect((await signIn(ctx, fields("di@example.com", "imported pw 4"))).status).toBe("OK");
    });
    expect((await signIn(ctx, fields("di@example.com", "imported pw 4"))).status).toBe("OK");
    expect(upgrade.pending).toBe(false);
    expect(await stores.sessions.listSessionHandlesForUser("u-4", T0)).toHaveLength(2);
  });

  it("still signs the user in when the upgrade cannot be written", async () => {
    const stores = createMemoryStores();
    stores.users.replacePasswordHash = async () => {
      throw new Error("database away");
    };
    const { ctx } = createTestEngine({}, { stores });
    const imported = await bcryptHash("imported pw 2", 4);
    await stores.users.createEmailPasswordUser({ id: "u-2", email: "bo@example.com", passwordHash: imported, timeJoined: T0 });
    expect((await signIn(ctx, fields("bo@example.com", "imported pw 2"))).status).toBe("OK");
    expect(await storedHash(stores, "bo@example.com")).toBe(imported);
  });
});
