/**
 * 4. Scale: the same operations on a database of 1,000 users and on one of N users (1,000,000
 * by default, two sessions each), through the real engine and Prisma stores, interleaved. The
 * ratio is cost at N ÷ cost at 1,000: 1.0 means the size of the tables does not show.
 */
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createEngineContext, type EngineContext } from "../lib/auth/context";
import { hashPassword } from "../lib/auth/emailpassword/password-hash";
import { signIn } from "../lib/auth/emailpassword/sign-in";
import { resolveConfig } from "../lib/auth/resolve-config";
import { refreshSession } from "../lib/auth/session/refresh-session";
import { listSessionsForUser } from "../lib/auth/session/session-info";
import { getUsersNewestFirst } from "../lib/auth/users/users";
import { createPrismaStores, disconnectPrismaClient } from "../lib/store";
import { migrate } from "../scripts/db-migrate.mjs";
import { BENCH_SECRET } from "./next-server";
import type { Row, Section, Target } from "./report";
import { BENCH_PASSWORD, seededEmail, seededRefreshToken, seededUserId, seedSqlite } from "./seed";
import { concurrentRate, interleave, medianRate, ratioOf, type Measure, type Sample } from "./stats";

export const SMALL_USERS = 1_000;
const SESSIONS_PER_USER = 2;
const PAGE_SIZE = 100;

interface Sized {
  label: string;
  users: number;
  url: string;
  ctx: EngineContext;
  /** Refresh tokens of seeded sessions already rotated by this run: index → current token. */
  rotated: Map<number, string>;
  /** The user-list walk: the next page's cursor, and the deepest page reached. */
  nextPage?: string;
  page: number;
  deepestPage: number;
}

async function prepare(dir: string, users: number, passwordHash: string, log: (line: string) => void): Promise<Sized> {
  const label = users >= 1_000_000 ? `${users / 1_000_000}M` : users >= 1_000 ? `${users / 1_000}k` : String(users);
  const file = path.join(dir, `scale-${users}.db`);
  const url = `file:${file}`;
  await migrate(url, { log: () => {} });
  const started = Date.now();
  let lastShown = 0;
  seedSqlite({
    file,
    users,
    sessionsPerUser: SESSIONS_PER_USER,
    secret: BENCH_SECRET,
    passwordHash,
    now: new Date(),
    onProgress: (done, total) => {
      if (done === total || Date.now() - lastShown > 5_000) {
        lastShown = Date.now();
        log(
          `scale: seeding ${label}: ${done.toLocaleString("en")} / ${total.toLocaleString("en")} rows (${Math.round((Date.now() - started) / 1000)} s)`,
        );
      }
    },
  });
  const ctx = createEngineContext({
    config: resolveConfig({ appOrigin: "http://localhost:3000" }),
    stores: createPrismaStores(url),
    secret: BENCH_SECRET,
  });
  return { label, users, url, ctx, rotated: new Map(), page: 0, deepestPage: 0 };
}

const randomIndex = (n: number) => Math.floor(Math.random() * n);

function operations(db: Sized): Record<string, () => Promise<boolean>> {
  return {
    // A random seeded session each time: its row sits anywhere in the table.
    refresh: async () => {
      const index = randomIndex(db.users * SESSIONS_PER_USER);
      const result = await refreshSession(db.ctx, { refreshToken: db.rotated.get(index) ?? seededRefreshToken(BENCH_SECRET, index) });
      if (result.status !== "OK") return false;
      db.rotated.set(index, result.tokens.refreshToken!);
      return true;
    },
    "sign-in": async () => {
      const result = await signIn(db.ctx, { email: seededEmail(randomIndex(db.users)), password: BENCH_PASSWORD, formFields: {} });
      return result.status === "OK";
    },
    "session listing": async () => (await listSessionsForUser(db.ctx, seededUserId(randomIndex(db.users)))).length >= SESSIONS_PER_USER,
    // An operator paging through the user list, newest first, 100 a page, starting over at the
    // end: each call fetches the page after the previous one, deeper and deeper.
    "user pagination": async () => {
      const page = await getUsersNewestFirst(db.ctx, { limit: PAGE_SIZE, paginationToken: db.nextPage });
      if (page.status !== "OK" || page.users.length === 0) return false;
      db.nextPage = page.nextPaginationToken;
      db.page = db.nextPage ? db.page + 1 : 0;
      db.deepestPage = Math.max(db.deepestPage, db.page);
      return true;
    },
  };
}

export async function runScaleBench(options: { users: number; rounds: number; ms: number; log: (line: string) => void }): Promise<Section> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "gatehouse-bench-scale-"));
  const sized: Sized[] = [];
  try {
    const passwordHash = await hashPassword(BENCH_PASSWORD);
    sized.push(await prepare(dir, SMALL_USERS, passwordHash, options.log));
    sized.push(await prepare(dir, options.users, passwordHash, options.log));
    const [small, big] = sized;
    const cases: Record<string, Measure> = {};
    for (const db of sized) {
      for (const [op, fn] of Object.entries(operations(db))) {
        // Sign-in waits on argon2id in the thread pool: two in flight keep both cores busy.
        cases[`${op} @ ${db.label} users`] = () => concurrentRate(fn, op === "sign-in" ? 2 : 1, options.ms);
      }
    }
    for (const measure of Object.values(cases)) await measure();
    const samples = await interleave(cases, options.rounds, (r, name) => options.log(`scale: round ${r + 1}/${options.rounds} ${name}`));

    const rows: Row[] = [];
    const targets: Target[] = [];
    for (const op of Object.keys(operations(small))) {
      const s = samples[`${op} @ ${small.label} users`];
      const b = samples[`${op} @ ${big.label} users`];
      const failures = (xs: Sample[]) => xs.reduce((sum, x) => sum + (x.failures ?? 0), 0);
      const mid = (xs: Sample[], key: "p50" | "p99") => [...xs.map((x) => x[key] ?? NaN)].sort((x, y) => x - y)[xs.length >> 1];
      rows.push({
        name: `${op} @ ${small.label} users`,
        rate: medianRate(s),
        unit: "ops/s",
        p50: mid(s, "p50"),
        p99: mid(s, "p99"),
        failures: failures(s),
      });
      // Cost ratio: throughput at 1k ÷ throughput at N (the inverse of the rate ratio).
      rows.push({
        name: `${op} @ ${big.label} users`,
        rate: medianRate(b),
        unit: "ops/s",
        p50: mid(b, "p50"),
        p99: mid(b, "p99"),
        reference: `${op} @ ${small.label} users`,
        ratio: ratioOf(b, s),
        failures: failures(b),
      });
      targets.push({
        label: `${op}: cost at ${big.label} users ÷ cost at ${small.label}`,
        ratio: ratioOf(s, b),
        target: 1.2,
        atMost: true,
        whyMissed:
          "the larger tables no longer fit SQLite's page cache (Prisma's adapter keeps the 2 MB default), so a lookup reads pages through the OS cache, and the deeper B-trees cost one more level per lookup.",
      });
    }
    return {
      id: "scale",
      title: `4. Scale: ${small.label} vs ${big.label} users (SQLite, ${SESSIONS_PER_USER} sessions per user, in-process engine + Prisma)`,
      rows,
      targets,
      notes: [
        `Seeded with bench/seed.ts (batched raw INSERTs through better-sqlite3, one precomputed argon2id hash), then driven through the engine functions with the Prisma stores: \`refreshSession\` on a random seeded session, \`signIn\` as a random user, \`listSessionsForUser\` of a random user.`,
        "A row's ratio here is its throughput at the large size ÷ at 1k users; the target line reads the other way, as cost.",
        `User pagination is \`getUsersNewestFirst\` (keyset on timeJoined, id), ${PAGE_SIZE} users a page, walking on from page to page: at ${big.label} users the walk reached page ${big.deepestPage.toLocaleString("en")} (user ${(big.deepestPage * PAGE_SIZE).toLocaleString("en")} from the newest); at ${small.label} it went round the whole list.`,
        "Only SQLite is seeded at scale: the seeder writes SQLite files directly.",
      ],
    };
  } finally {
    for (const db of sized) await disconnectPrismaClient(db.url).catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  }
}
