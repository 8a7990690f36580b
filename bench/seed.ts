/**
 * Seeds a migrated SQLite database with N users (email+password) and `sessionsPerUser` sessions
 * each, for the scale benchmark. Goes straight to better-sqlite3 with batched INSERTs inside
 * transactions, because 4 million rows through Prisma's one-query-per-row path would take hours.
 *
 * The rows are what the app itself writes (same columns, the Prisma adapter's ISO-8601 date
 * text, JSON columns as text), so the benchmark then drives the real engine on them:
 * - every user has the same password, so one precomputed argon2id hash serves them all;
 * - ids and session handles are UUID-shaped and derived from the row index, so the benchmark
 *   can name any seeded user or session without storing millions of ids;
 * - each session's refresh token is derived from its index with the engine's own derivation
 *   (`deriveChildRefreshToken`), so the benchmark can refresh a seeded session;
 * - users joined one second apart, so the user list's keyset (timeJoined, id) is realistic.
 *
 * Ids are sequential in the index: inserts append to the B-trees, which keeps seeding to a few
 * minutes. The benchmark reads rows picked at random, so each lookup walks the same depth of
 * tree that random UUIDs would give.
 *
 * CLI: `node --import jiti/register bench/seed.ts <sqlite file> [users] [sessionsPerUser]`.
 */
import Database from "better-sqlite3";
import { deriveKeys } from "../lib/auth/secret";
import { deriveChildRefreshToken, hashRefreshToken } from "../lib/auth/session/refresh-token";

export const BENCH_PASSWORD = "bench-password-1";
export const BENCH_EMAIL_DOMAIN = "bench.example";

/** UUID-shaped, so the session handle passes the refresh-token parser's format check. */
function uuidFor(kind: "u" | "s", index: number): string {
  const tail = index.toString(16).padStart(12, "0");
  return `${kind === "u" ? "00000000" : "5e551011"}-0000-4000-8000-${tail}`;
}

export const seededUserId = (index: number) => uuidFor("u", index);
export const seededSessionHandle = (index: number) => uuidFor("s", index);
export const seededEmail = (index: number) => `u${String(index).padStart(8, "0")}@${BENCH_EMAIL_DOMAIN}`;

/** The refresh token the seeder gave session `index`: re-derivable, so nothing is stored. */
export function seededRefreshToken(secret: string, index: number): string {
  return deriveChildRefreshToken(deriveKeys(secret), seededSessionHandle(index), `bench-seed-${index}`);
}

/** The Prisma better-sqlite3 adapter's DateTime text (see its `timestampFormat: "iso8601"`). */
const isoText = (date: Date) => date.toISOString().replace("Z", "+00:00");

export interface SeedOptions {
  file: string;
  users: number;
  sessionsPerUser: number;
  secret: string;
  /** argon2id hash of BENCH_PASSWORD, computed once by the caller. */
  passwordHash: string;
  now: Date;
  onProgress?: (done: number, total: number) => void;
}

const BATCH_ROWS = 500;

export function seedSqlite(options: SeedOptions): void {
  const db = new Database(options.file);
  // Durability is worthless for a throwaway benchmark database: no fsync, no rollback journal.
  // WAL (set by the migrator) is restored at the end so the app opens the file as it would.
  db.pragma("journal_mode = OFF");
  db.pragma("synchronous = OFF");
  db.pragma("cache_size = -262144");
  const keys = deriveKeys(options.secret);
  const total = options.users * (2 + options.sessionsPerUser);
  let done = 0;
  const nowText = isoText(options.now);
  const later = isoText(new Date(options.now.getTime() + 100 * 86_400_000));
  const cap = isoText(new Date(options.now.getTime() + 365 * 86_400_000));
  const firstJoined = options.now.getTime() - options.users * 1000;

  const insertMany = (table: string, columns: string[], rows: unknown[][]) => {
    const placeholders = `(${columns.map(() => "?").join(",")})`;
    const full = db.prepare(`INSERT INTO ${table} (${columns.join(",")}) VALUES ${Array(BATCH_ROWS).fill(placeholders).join(",")}`);
    for (let i = 0; i < rows.length; i += BATCH_ROWS) {
      const chunk = rows.slice(i, i + BATCH_ROWS);
      const stmt =
        chunk.length === BATCH_ROWS
          ? full
          : db.prepare(`INSERT INTO ${table} (${columns.join(",")}) VALUES ${Array(chunk.length).fill(placeholders).join(",")}`);
      stmt.run(chunk.flat());
    }
  };

  const USERS_PER_TX = 10_000;
  const tx = db.transaction((from: number, to: number) => {
    const users: unknown[][] = [];
    const accounts: unknown[][] = [];
    const sessions: unknown[][] = [];
    for (let u = from; u < to; u++) {
      const id = seededUserId(u);
      users.push([id, seededEmail(u), 0, isoText(new Date(firstJoined + u * 1000))]);
      accounts.push([id, seededEmail(u), options.passwordHash]);
      for (let k = 0; k < options.sessionsPerUser; k++) {
        const s = u * options.sessionsPerUser + k;
        const handle = seededSessionHandle(s);
        const token = deriveChildRefreshToken(keys, handle, `bench-seed-${s}`);
        sessions.push([handle, id, "{}", "{}", hashRefreshToken(token), nowText, later, cap, nowText, "bench", "127.0.0.1"]);
      }
    }
    insertMany("users", ["id", "email", "email_verified", "time_joined"], users);
    insertMany("email_password_accounts", ["user_id", "email", "password_hash"], accounts);
    insertMany(
      "sessions",
      [
        "session_handle",
        "user_id",
        "session_data",
        "jwt_payload",
        "refresh_token_hash",
        "created_at",
        "expires_at",
        "absolute_expires_at",
        "last_active_at",
        "user_agent",
        "ip",
      ],
      sessions,
    );
  });
  try {
    for (let from = 0; from < options.users; from += USERS_PER_TX) {
      const to = Math.min(options.users, from + USERS_PER_TX);
      tx(from, to);
      done += (to - from) * (2 + options.sessionsPerUser);
      options.onProgress?.(done, total);
    }
    db.pragma("journal_mode = WAL");
  } finally {
    db.close();
  }
}

const invokedDirectly = process.argv[1]?.endsWith("bench/seed.ts");
if (invokedDirectly) {
  const [file, users = "1000", perUser = "2"] = process.argv.slice(2);
  if (!file) throw new Error("usage: bench/seed.ts <migrated sqlite file> [users] [sessionsPerUser]");
  const { hashPassword } = await import("../lib/auth/emailpassword/password-hash");
  const started = Date.now();
  seedSqlite({
    file,
    users: Number(users),
    sessionsPerUser: Number(perUser),
    secret: process.env.GATEHOUSE_SECRET ?? "b".repeat(64),
    passwordHash: await hashPassword(BENCH_PASSWORD),
    now: new Date(),
    onProgress: (done, total) => process.stdout.write(`\rseeding ${done.toLocaleString("en")} / ${total.toLocaleString("en")} rows`),
  });
  console.log(`\nseeded in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}
