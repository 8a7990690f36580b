/**
 * User pagination at scale on SQLite, PostgreSQL and MariaDB, each in a database of its own:
 * - 10,000 users (three per instant, so only the id orders them) are walked 100 at a time,
 *   newest first and oldest first, while users are added at both ends between pages. Keyset
 *   pagination must return every original user exactly once; an OFFSET-based walk would
 *   repeat users, because the additions shift every later page.
 * - A deep page costs what the first one costs: the exact SQL the store sends (captured from
 *   Prisma) is run under EXPLAIN. PostgreSQL and MariaDB report the rows actually read; SQLite
 *   reports the plan, which must seek to the cursor in the (time_joined, id) index.
 */
import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, TEST_PROVIDERS, type TestDatabase } from "../../scripts/test-db.mjs";
import { createTestEngine } from "../auth/testing/test-engine";
import { getUsersNewestFirst, getUsersOldestFirst, type GetUsersInput, type GetUsersResult } from "../auth/users/users";
import type { EngineContext } from "../auth/context";
import { createPrismaStores, createPrismaStoresOn, disconnectPrismaClient, getPrismaClient } from "./index";
import { mariadbConnectionString } from "./mariadb-connect-timeout.mjs";
import { sqlitePathOf } from "./database-url.mjs";
import { rawQuery } from "./testing/raw-query.mjs";
import { openQueryLoggingClient, type LoggedQuery } from "./testing/query-logging-client";

const USERS = 10_000;
const PAGE = 100;
const T0 = Date.parse("2030-01-01T00:00:00.000Z");
const DEEP_PAGE = 90;

type Walk = (ctx: EngineContext, input: GetUsersInput) => Promise<GetUsersResult>;
const ORDERS: [string, Walk][] = [
  ["newest first", getUsersNewestFirst],
  ["oldest first", getUsersOldestFirst],
];

for (const provider of TEST_PROVIDERS) {
  describe(`${provider}: pagination over ${USERS} users`, () => {
    let db: TestDatabase;
    const seeded = new Set<string>();
    let added = 0;

    beforeAll(async () => {
      db = await createTestDatabase(provider);
      const prisma = await getPrismaClient(db.url);
      // Batched multi-row INSERTs: 10 statements instead of 10,000.
      for (let start = 0; start < USERS; start += 1000) {
        const data = Array.from({ length: 1000 }, (_, i) => {
          const n = start + i;
          const id = randomUUID();
          seeded.add(id);
          return { id, email: `seed-${n}@example.com`, emailVerified: false, timeJoined: new Date(T0 + Math.floor(n / 3) * 1000) };
        });
        await prisma.user.createMany({ data });
      }
      // Fresh statistics, as a live table would have: the planners' choices are then the real ones.
      if (provider === "postgresql") await rawQuery(db.url, "ANALYZE users");
      if (provider === "mysql") await rawQuery(db.url, "ANALYZE TABLE users");
    });
    afterAll(async () => {
      if (!db) return;
      await disconnectPrismaClient(db.url);
      await db.drop();
    });

    /** One user joined before everyone (an import) and one after everyone (a sign-up). */
    async function addAtBothEnds() {
      const prisma = await getPrismaClient(db.url);
      added++;
      await prisma.user.createMany({
        data: [
          { id: randomUUID(), email: `early-${added}@example.com`, timeJoined: new Date(T0 - added * 1000) },
          { id: randomUUID(), email: `late-${added}@example.com`, timeJoined: new Date(T0 + USERS * 1000 + added * 1000) },
        ],
      });
    }

    for (const [name, walk] of ORDERS) {
      it(`walks ${name} in pages of ${PAGE}: no duplicate, no gap, while users are added`, async () => {
        const { ctx } = createTestEngine({}, { stores: createPrismaStores(db.url) });
        const seen = new Set<string>();
        let previous: { t: number } | undefined;
        let token: string | undefined;
        let pages = 0;
        do {
          const result = await walk(ctx, { limit: PAGE, paginationToken: token });
          if (result.status !== "OK") throw new Error(result.status);
          for (const user of result.users) {
            expect(seen.has(user.id), `user ${user.id} returned twice`).toBe(false);
            seen.add(user.id);
            const t = user.timeJoined.getTime();
            if (previous) expect(name === "newest first" ? t <= previous.t : t >= previous.t).toBe(true);
            previous = { t };
          }
          pages++;
          token = result.nextPaginationToken;
          await addAtBothEnds();
        } while (token);
        const missing = [...seeded].filter((id) => !seen.has(id));
        expect(missing, "seeded users never returned").toEqual([]);
        expect(pages).toBeGreaterThanOrEqual(USERS / PAGE);
      });
    }

    it("counts every user, added ones included", async () => {
      const { ctx } = createTestEngine({}, { stores: createPrismaStores(db.url) });
      expect(await ctx.stores.userAdmin.countUsers({})).toBe(USERS + 2 * added);
    });

    for (const [name, walk] of ORDERS) {
      it(`${name}: page ${DEEP_PAGE} reads no more rows than page 1`, async () => {
        const { client, queries } = await openQueryLoggingClient(db.url);
        try {
          const { ctx } = createTestEngine({}, { stores: createPrismaStoresOn(async () => client) });
          const userQuery = async (input: GetUsersInput): Promise<LoggedQuery> => {
            queries.length = 0;
            expect((await walk(ctx, { limit: PAGE, ...input })).status).toBe("OK");
            return queries.find((q) => /FROM\s+\S*users\S*\s+WHERE|FROM\s+\S*users\S*\s+ORDER/i.test(q.sql))!;
          };
          // The token of page DEEP_PAGE, reached the way a client would.
          let paginationToken: string | undefined;
          const plain = createTestEngine({}, { stores: createPrismaStores(db.url) }).ctx;
          for (let page = 1; page < DEEP_PAGE; page++) {
            const result = await walk(plain, { limit: PAGE, paginationToken });
            paginationToken = result.status === "OK" ? result.nextPaginationToken : undefined;
          }
          expect(paginationToken).toBeDefined();
          const first = await userQuery({});
          const deep = await userQuery({ paginationToken });
          const [firstCost, deepCost] = [await rowsRead(db.url, first), await rowsRead(db.url, deep)];
          expect(firstCost.usesIndexOrder, JSON.stringify(firstCost)).toBe(true);
          expect(deepCost.usesIndexOrder, JSON.stringify(deepCost)).toBe(true);
          if (provider === "sqlite") {
            // The deep page seeks to the cursor in the index rather than scanning up to it.
            expect(deepCost.plan).toMatch(/SEARCH .*users USING (COVERING )?INDEX users_time_joined_id_idx \(time_joined[<>]\?\)/);
          } else {
            // PAGE + 1 rows (one more tells whether a next page exists), plus the cursor's ties.
            expect(firstCost.rows).toBeLessThanOrEqual(PAGE + 1 + 3);
            expect(deepCost.rows).toBeLessThanOrEqual(firstCost.rows! + 3);
          }
        } finally {
          await client.$disconnect();
        }
      });
    }
  });
}

interface Cost {
  /** Rows the database read from users (PostgreSQL, MariaDB). */
  rows?: number;
  /** SQLite's EXPLAIN QUERY PLAN, one line per step. */
  plan?: string;
  /** Rows come in index order: no sort step. */
  usesIndexOrder: boolean;
}

async function rowsRead(url: string, query: LoggedQuery): Promise<Cost> {
  if (url.startsWith("file:")) {
    const { default: Database } = await import("better-sqlite3");
    const sqlite = new Database(sqlitePathOf(url), { readonly: true });
    try {
      const steps = sqlite.prepare(`EXPLAIN QUERY PLAN ${query.sql}`).all(...(query.params as unknown[])) as { detail: string }[];
      const plan = steps.map((s) => s.detail).join("\n");
      return { plan, usesIndexOrder: !/TEMP B-TREE/.test(plan) && /users_time_joined_id_idx/.test(plan) };
    } finally {
      sqlite.close();
    }
  }
  if (url.startsWith("postgres")) {
    const { default: pg } = await import("pg");
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query(`EXPLAIN (ANALYZE, FORMAT JSON) ${query.sql}`, query.params);
      const plan = rows[0]["QUERY PLAN"][0].Plan;
      const nodes: Record<string, unknown>[] = [];
      const visit = (node: Record<string, unknown>) => {
        nodes.push(node);
        for (const child of (node.Plans as Record<string, unknown>[] | undefined) ?? []) visit(child);
      };
      visit(plan);
      const scan = nodes.find((n) => n["Relation Name"] === "users")!;
      const filtered = Number(scan["Rows Removed by Filter"] ?? 0);
      return {
        rows: Number(scan["Actual Rows"]) + filtered,
        usesIndexOrder: !nodes.some((n) => n["Node Type"] === "Sort") && String(scan["Index Name"]) === "users_time_joined_id_idx",
      };
    } finally {
      await client.end();
    }
  }
  const { default: mariadb } = await import("mariadb");
  const conn = await mariadb.createConnection(mariadbConnectionString(url));
  try {
    // Prisma logs every value as a string: dates in ISO form (MariaDB's DATETIME wants them
    // without the T and Z) and LIMIT/OFFSET numbers (which must not be quoted).
    const params = query.params.map((p) => {
      if (typeof p !== "string") return p;
      if (/^\d{4}-\d\d-\d\dT[\d:.]+Z$/.test(p)) return p.replace("T", " ").slice(0, -1);
      return /^\d+$/.test(p) ? Number(p) : p;
    });
    const [result] = await conn.query(`ANALYZE FORMAT=JSON ${query.sql}`, params);
    const analyzed = JSON.stringify(JSON.parse(Object.values(result as Record<string, string>)[0]));
    const table = /"table_name":"users".*?"r_rows":([\d.]+)/.exec(analyzed);
    return {
      rows: table ? Number(table[1]) : Number.POSITIVE_INFINITY,
      usesIndexOrder: !analyzed.includes("filesort") && analyzed.includes('"key":"users_time_joined_id_idx"'),
    };
  } finally {
    await conn.end();
  }
}
