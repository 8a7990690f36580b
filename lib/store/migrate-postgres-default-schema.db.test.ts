/**
 * PostgreSQL without `?schema=`: Prisma's convention is the schema `public`, which the app's
 * model queries name explicitly. The server's default search_path is `"$user", public`, so on a
 * server where the login role has a schema of its own name (PostgreSQL's advice since 15, which
 * took CREATE on `public` away from everyone), a migrator following the search_path put every
 * table there while the app read and wrote `public`: every request failed on a missing table.
 * The migrator must migrate `public`, as Prisma's `migrate deploy` does.
 */
import { randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import { migrate } from "../../scripts/db-migrate.mjs";
import { createTestDatabase, type TestDatabase } from "../../scripts/test-db.mjs";
import { createPrismaStores, disconnectPrismaClient } from "./index";
import { rawQuery } from "./testing/raw-query.mjs";

describe("db:migrate on postgresql without ?schema=, where the role has a schema of its own name", () => {
  let db: TestDatabase | undefined;
  afterAll(async () => {
    if (db) await disconnectPrismaClient(db.url);
    await db?.drop();
  });

  it("migrates `public`, where the app reads and writes", async () => {
    db = await createTestDatabase("postgresql", { migrate: false });
    const [{ role }] = (await rawQuery(db.url, "SELECT current_user AS role")) as [{ role: string }];
    await rawQuery(db.url, `CREATE SCHEMA "${role.replaceAll('"', '""')}"`);

    await migrate(db.url, { log: () => {} });

    const placed = await rawQuery(db.url, "SELECT table_schema FROM information_schema.tables WHERE table_name IN ('users', '_prisma_migrations')");
    expect(placed.map((row) => row.table_schema)).toEqual(["public", "public"]);

    const stores = createPrismaStores(db.url);
    const user = {
      id: randomUUID(),
      email: "own-schema@example.com",
      passwordHash: "$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA",
      timeJoined: new Date(),
    };
    expect((await stores.users.createEmailPasswordUser(user)).status).toBe("OK");
    expect((await stores.users.findEmailPasswordAccountByEmail(user.email))?.user.id).toBe(user.id);
    expect((await stores.users.getUserById(user.id))?.email).toBe(user.email);
  });
});
