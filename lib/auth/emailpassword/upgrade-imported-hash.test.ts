import { hash as bcryptHash } from "@node-rs/bcrypt";
import { describe, expect, it } from "vitest";
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

  it("still signs the user in when the upgrade cannot be written", async () => {
    const { ctx, stores } = createTestEngine();
    await stores.users.createEmailPasswordUser({
      id: "u-2",
      email: "bo@example.com",
      passwordHash: await bcryptHash("imported pw 2", 4),
      timeJoined: T0,
    });
    stores.users.updatePasswordHash = async () => {
      throw new Error("database away");
    };
    expect((await signIn(ctx, fields("bo@example.com", "imported pw 2"))).status).toBe("OK");
  });
});
