/**
 * MySQL/MariaDB in a mode without STRICT_*_TABLES (many managed servers' default) cuts a value too
 * long for its column short, with a warning only. The session here is made non-strict through
 * the URL's `sessionVariables` (a server-wide default cannot be changed on a shared test server):
 * Gatehouse's own connections must still refuse such a write rather than store other data.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../scripts/test-db.mjs";
import { openPrismaClient } from "./prisma-client";
import { rawQuery } from "./testing/raw-query.mjs";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase("mysql");
});
afterAll(async () => {
  await db?.drop();
});

/** The test database's URL with a non-strict session, as a server whose default mode is. */
const nonStrictUrl = () => {
  const url = new URL(db.url);
  url.searchParams.set("sessionVariables", JSON.stringify({ sql_mode: "NO_ENGINE_SUBSTITUTION" }));
  return url.toString();
};

it("mysql: in a non-strict session a too-long email is cut short (what the strict mode prevents)", async () => {
  await rawQuery(
    nonStrictUrl(),
    "INSERT INTO users (id, email, email_verified, time_joined) VALUES ('cut', CONCAT(REPEAT('a', 300), '@example.com'), 0, NOW())",
  );
  const [row] = await rawQuery(db.url, "SELECT CHAR_LENGTH(email) AS n FROM users WHERE id = 'cut'");
  expect(Number(row.n)).toBe(255);
});

it("mysql: Gatehouse's connection adds STRICT_ALL_TABLES to that session and refuses the write, storing nothing", async () => {
  const client = await openPrismaClient(nonStrictUrl());
  try {
    const [mode] = await client.$queryRawUnsafe<{ mode: string }[]>("SELECT @@SESSION.sql_mode AS mode");
    expect(mode.mode.split(",")).toEqual(expect.arrayContaining(["NO_ENGINE_SUBSTITUTION", "STRICT_ALL_TABLES"]));
    await expect(client.user.create({ data: { id: "strict", email: `${"a".repeat(300)}@example.com`, timeJoined: new Date() } })).rejects.toThrow();
    expect(await client.user.count({ where: { id: "strict" } })).toBe(0);
  } finally {
    await client.$disconnect();
  }
});
