/**
 * PostgreSQL with `?schema=<name>` (docs/postgresql.md): the migrator puts the tables in that
 * schema, and every statement of the app must use them, its plain-SQL ones (sign-in, session
 * reads, the import, user deletion) as much as Prisma's model queries. The plain SQL names its
 * tables unqualified, so it follows the connection's search_path: left at its default, it read
 * and wrote `public` instead, a missing table there (every sign-in a 503) or, where `public` holds
 * another installation's tables, that installation's accounts.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { migrate } from "../../scripts/db-migrate.mjs";
import { createTestDatabase, type TestDatabase } from "../../scripts/test-db.mjs";
import { createPrismaStores, disconnectPrismaClient, getPrismaClient } from "./index";

/** The URL with `?schema=` set to `schema`. */
function inSchema(url: string, schema: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set("schema", schema);
  return parsed.toString();
}

describe("postgresql: ?schema= reaches every statement", () => {
  let db: TestDatabase;
  let url: string;
  beforeAll(async () => {
    // `public` is migrated too: another installation's tables, which the schema's must never meet.
    db = await createTestDatabase("postgresql");
    url = inSchema(db.url, "gatehouse auth");
    await migrate(url, { log: () => {} });
  });
  afterAll(async () => {
    await disconnectPrismaClient(url);
    await disconnectPrismaClient(db.url);
    await db?.drop();
  });

  const newUser = (email: string) => ({
    id: randomUUID(),
    email,
    passwordHash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA",
    timeJoined: new Date(),
  });

  it("a user made in the schema is found by the plain-SQL sign-in read and by id", async () => {
    const stores = createPrismaStores(url);
    const user = newUser("in-schema@example.com");
    expect((await stores.users.createEmailPasswordUser(user)).status).toBe("OK");
    expect((await stores.users.findEmailPasswordAccountByEmail(user.email))?.user.id).toBe(user.id);
    expect((await stores.users.getUserById(user.id))?.email).toBe(user.email);
  });

  it("another installation's user in `public` is not found through the schema", async () => {
    const publicStores = createPrismaStores(db.url);
    const other = newUser("in-public@example.com");
    expect((await publicStores.users.createEmailPasswordUser(other)).status).toBe("OK");
    const stores = createPrismaStores(url);
    expect(await stores.users.findEmailPasswordAccountByEmail(other.email)).toBeNull();
    expect(await stores.users.getUserById(other.id)).toBeNull();
  });

  it("keeps the startup options the URL already gives", async () => {
    const withOptions = new URL(url);
    withOptions.searchParams.set("options", "-c statement_timeout=4321");
    const prisma = await getPrismaClient(withOptions.toString());
    try {
      const [path] = await prisma.$queryRawUnsafe<{ search_path: string }[]>("SHOW search_path");
      const [timeout] = await prisma.$queryRawUnsafe<{ statement_timeout: string }[]>("SHOW statement_timeout");
      expect(path?.search_path).toBe('"gatehouse auth"');
      expect(timeout?.statement_timeout).toBe("4321ms");
    } finally {
      await disconnectPrismaClient(withOptions.toString());
    }
  });
});
