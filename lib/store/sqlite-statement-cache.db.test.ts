/**
 * The SQLite statement cache (sqlite-statement-cache.ts): statements are compiled once per SQL
 * text, answers are the same as the stock adapter's, and transactions, failed statements and
 * bulk statements behave as before. SQLite only: the other adapters are untouched.
 */
import Database from "better-sqlite3";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../scripts/test-db.mjs";
import { sqlitePathOf } from "./database-url.mjs";
import { disconnectPrismaClient, getPrismaClient, type GatehousePrismaClient } from "./prisma-client";
import { cacheStatementsOn } from "./sqlite-statement-cache";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase("sqlite");
});
afterAll(async () => {
  await disconnectPrismaClient(db.url);
  await db.drop();
});
afterEach(() => {
  vi.restoreAllMocks();
});

/** How often better-sqlite3 compiled `sql` while `run` ran. */
async function compilesOf(sql: RegExp, run: () => Promise<unknown>): Promise<number> {
  const prepare = vi.spyOn(Database.prototype, "prepare");
  await run();
  return prepare.mock.calls.filter(([text]) => sql.test(String(text))).length;
}

async function stockClient(url: string): Promise<GatehousePrismaClient> {
  const [{ PrismaClient }, { PrismaBetterSqlite3 }] = await Promise.all([
    import("./generated/sqlite/client"),
    import("@prisma/adapter-better-sqlite3"),
  ]);
  return new PrismaClient({ adapter: new PrismaBetterSqlite3({ url: `file:${sqlitePathOf(url)}` }) });
}

describe("the shared SQLite client", () => {
  it("compiles a statement once and runs it again with new parameters", async () => {
    // Spied before the client opens its connection, which is when the cache takes `prepare`.
    await disconnectPrismaClient(db.url);
    let answers: unknown[] = [];
    const compiles = await compilesOf(/cache_probe/, async () => {
      const client = await getPrismaClient(db.url);
      for (const n of [1, 2, 3]) {
        answers.push(...(await client.$queryRaw<{ cache_probe: bigint }[]>`SELECT ${n} + 0 AS cache_probe`));
      }
    });
    answers = answers.map((row) => Number((row as { cache_probe: bigint }).cache_probe));
    expect(answers).toEqual([1, 2, 3]);
    expect(compiles).toBe(1);
  });

  it("answers as the stock adapter does: integers, big integers, reals, text, null, dates and a model's row", async () => {
    const client = await getPrismaClient(db.url);
    const stock = await stockClient(db.url);
    try {
      const probe = (c: GatehousePrismaClient, i: number) =>
        c.$queryRaw`SELECT ${i} AS i, ${BigInt(2) ** BigInt(40) + BigInt(i)} AS big, ${1.5 + i} AS real, ${`text ${i}`} AS text,
          ${null} AS absent, ${new Date(Date.UTC(2026, 0, i + 1))} AS date`;
      for (const i of [1, 2, 3]) expect(await probe(client, i)).toEqual(await probe(stock, i));
      await client.user.create({
        data: { id: "id-types", email: "types@example.com", emailVerified: true, timeJoined: new Date(1_767_225_600_123) },
      });
      for (let i = 0; i < 2; i++) {
        expect(await client.user.findUnique({ where: { id: "id-types" } })).toEqual(await stock.user.findUnique({ where: { id: "id-types" } }));
      }
    } finally {
      await stock.$disconnect();
    }
  });

  it("keeps transactions, and a statement that failed runs again", async () => {
    const client = await getPrismaClient(db.url);
    const user = (email: string) => ({ data: { id: `id-${email}`, email, timeJoined: new Date(0) } });
    await client.user.create(user("cache-a@example.com"));
    await expect(client.user.create(user("cache-a@example.com"))).rejects.toMatchObject({ code: "P2002" });
    // The same INSERT, compiled before and failed last time, with new values.
    await client.user.create(user("cache-b@example.com"));
    // A rolled-back transaction leaves nothing, twice over (BEGIN and the INSERT are reused).
    for (const email of ["cache-c@example.com", "cache-d@example.com"]) {
      await expect(
        client.$transaction(async (tx) => {
          await tx.user.create(user(email));
          throw new Error("roll back");
        }),
      ).rejects.toThrow("roll back");
    }
    await client.$transaction([client.user.create(user("cache-e@example.com")), client.user.create(user("cache-f@example.com"))]);
    const emails = (await client.user.findMany({ where: { email: { startsWith: "cache-" } }, orderBy: { email: "asc" } })).map((u) => u.email);
    expect(emails).toEqual(["cache-a@example.com", "cache-b@example.com", "cache-e@example.com", "cache-f@example.com"]);
  });
});

describe("cacheStatementsOn", () => {
  const open = () => {
    const connection = new Database(":memory:");
    const compile = vi.spyOn(connection, "prepare");
    return { connection, compile };
  };

  it("keeps at most `capacity` statements, the least recently used out first", () => {
    const { connection, compile } = open();
    expect(cacheStatementsOn(connection, { capacity: 2 })).toBe(true);
    const run = (sql: string) => (connection.prepare(sql) as unknown as { run(): unknown }).run();
    for (const sql of ["SELECT 1", "SELECT 2", "SELECT 1", "SELECT 3", "SELECT 1", "SELECT 2"]) run(sql);
    // SELECT 1 stayed (used again before SELECT 3 came), SELECT 2 went out and came back.
    expect(compile.mock.calls.map(([sql]) => sql)).toEqual(["SELECT 1", "SELECT 2", "SELECT 3", "SELECT 2"]);
    connection.close();
  });

  it("compiles long statements each time, and keeps none that failed to compile", () => {
    const { connection, compile } = open();
    cacheStatementsOn(connection, { maxSqlLength: 20 });
    const long = `SELECT ${"1 + ".repeat(10)}1`;
    for (let i = 0; i < 2; i++) (connection.prepare(long) as unknown as { run(): unknown }).run();
    for (let i = 0; i < 2; i++) expect(() => connection.prepare("SELEC 1")).toThrow(/syntax error/);
    expect(compile).toHaveBeenCalledTimes(4);
    connection.close();
  });

  it("binds each use's own parameters", () => {
    const { connection } = open();
    cacheStatementsOn(connection);
    type View = { bind(args: unknown[]): { reader: boolean; raw(): { all(): unknown[] } } };
    const select = (n: number) => (connection.prepare("SELECT ? * 2 AS twice") as unknown as View).bind([n]);
    const first = select(1);
    const second = select(21);
    expect(second.reader).toBe(true);
    expect(second.raw().all()).toEqual([[42]]);
    expect(first.raw().all()).toEqual([[2]]);
    connection.close();
  });

  it("leaves anything that is not a connection alone", () => {
    expect(cacheStatementsOn(undefined)).toBe(false);
    expect(cacheStatementsOn({ prepare: "no" })).toBe(false);
  });
});
