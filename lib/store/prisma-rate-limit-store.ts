/**
 * Rate limits shared by every instance through the `rate_limits` table: rate-limiter-flexible's
 * RateLimiterPrisma on the app's Prisma client, with three additions:
 * - exact counts under concurrency on every database: PostgreSQL and SQLite run Prisma's upsert
 *   as one native statement, but on MySQL/MariaDB it is a read then an insert or update, and
 *   parallel first hits of a key lose the insert race (P2002) or see the row vanish (P2025);
 *   such an upsert has changed nothing, so it is simply tried again;
 * - keys stored as the limit's name and a SHA-256 of the counted key (rate-limit-store-key.ts):
 *   every key fits the VARCHAR(191) column, and the table holds no emails or IP addresses;
 * - expired rows swept on the request path, at most once per interval per instance, so that
 *   nothing depends on a long-lived process (serverless instances freeze between requests).
 */
import { RateLimiterPrisma } from "rate-limiter-flexible";
import type { RateLimitStoreChoice } from "../auth/config-limits";
import type { RateLimitStore, SharedLimiterOptions } from "../auth/ports/rate-limit-store";
import { resolveDatabaseUrl } from "./database-url.mjs";
import { getPrismaClient, type PrismaClientSource } from "./prisma-client";
import { storedRateLimitKey } from "./rate-limit-store-key";
import { createRedisRateLimitStore } from "./redis-rate-limit-store";

interface RateLimitRow {
  key: string;
  points: number;
  expire: Date | null;
}

interface UpsertArgs {
  where: { key: string };
  create: RateLimitRow;
  update: { points: number | { increment: number }; expire?: Date | null };
}

/** Prisma errors of a lost race that changed nothing: unique violation, row gone, deadlock. */
const RETRIED_CODES = new Set(["P2002", "P2025", "P2034"]);
const MAX_ATTEMPTS = 8;

function isLostRace(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (error as { name?: unknown } | null)?.name === "PrismaClientKnownRequestError" && typeof code === "string" && RETRIED_CODES.has(code);
}

/** The `rate_limits` model as RateLimiterPrisma calls it, on a lazily resolved client, with retries. */
class RateLimitTable {
  private nextSweepAt = 0;

  constructor(
    private readonly client: PrismaClientSource,
    private readonly sweepIntervalMs: number,
  ) {}

  /** What RateLimiterPrisma finds at `storeClient[tableName]`. */
  readonly model = {
    findFirst: async (args: object) => (await this.client()).rateLimit.findFirst(args as never),
    deleteMany: async (args: object) => (await this.client()).rateLimit.deleteMany(args as never),
    upsert: (args: UpsertArgs) => this.upsert(args),
  };

  private async upsert(args: UpsertArgs): Promise<RateLimitRow> {
    const prisma = await this.client();
    const counting = typeof args.update.points === "object";
    // A point given back (reward) only to a live window: the library's upsert would open a new
    // window below zero when the old one ended between the count and its give-back, and leave
    // room for one more attempt there (a burst timed at the window's end, one more each).
    if (counting && args.create.points < 0) {
      await prisma.rateLimit.updateMany({
        where: { key: args.where.key, OR: [{ expire: null }, { expire: { gt: new Date() } }] },
        data: { points: { increment: args.create.points } },
      });
      return (await prisma.rateLimit.findFirst({ where: { key: args.where.key } })) ?? { key: args.where.key, points: 0, expire: null };
    }
    for (let attempt = 1; ; attempt++) {
      try {
        const row = await prisma.rateLimit.upsert(args as never);
        // The window ended between the library's removal of expired rows and this increment:
        // the count went into a finished window. Remove it and count in a fresh one.
        if (counting && row.expire !== null && row.expire.getTime() <= Date.now() && attempt < MAX_ATTEMPTS) {
          await prisma.rateLimit.deleteMany({ where: { key: args.where.key, expire: { lte: new Date() } } });
          continue;
        }
        return row;
      } catch (error) {
        if (attempt >= MAX_ATTEMPTS || !isLostRace(error)) throw error;
        // A short random pause spreads the retries of a burst apart.
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
      }
    }
  }

  /**
   * Deletes rows whose window has ended, at most once per interval (the first request after it
   * pays). A sweep that loses a race (MariaDB reports a deadlock when it meets the row locks of
   * concurrent counts) changed nothing and is no store failure: the next interval's sweep takes
   * the rows it left.
   */
  async sweepIfDue(): Promise<void> {
    const now = Date.now();
    if (now < this.nextSweepAt) return;
    this.nextSweepAt = now + this.sweepIntervalMs;
    try {
      await (await this.client()).rateLimit.deleteMany({ where: { expire: { lt: new Date(now) } } });
    } catch (error) {
      if (!isLostRace(error)) throw error;
    }
  }
}

type PrismaLimiterInternals = {
  _upsert(rlKey: string, points: number, msDuration: number, forceExpire?: boolean): Promise<RateLimitRow>;
  _get(rlKey: string): Promise<RateLimitRow | null>;
  _delete(rlKey: string): Promise<boolean>;
};
const prismaLimiter = RateLimiterPrisma.prototype as unknown as PrismaLimiterInternals;

/** RateLimiterPrisma storing hashed keys and reporting each store failure before its insurance answers. */
class DatabaseRateLimiter extends RateLimiterPrisma {
  private readonly table: RateLimitTable;
  private readonly onStoreError: (error: unknown) => void;

  constructor(options: SharedLimiterOptions, table: RateLimitTable) {
    super({
      keyPrefix: options.keyPrefix,
      points: options.points,
      duration: options.duration,
      insuranceLimiter: options.insuranceLimiter,
      storeClient: { rateLimit: table.model },
      tableName: "rateLimit",
      // The sweep runs on requests instead of an (unref'd) timer that a frozen instance never fires.
      clearExpiredByTimeout: false,
    });
    this.table = table;
    this.onStoreError = options.onStoreError;
  }

  private reported<T>(operation: Promise<T>): Promise<T> {
    return operation.catch((error: unknown) => {
      this.onStoreError(error);
      throw error;
    });
  }

  _upsert(rlKey: string, points: number, msDuration: number, forceExpire = false): Promise<RateLimitRow> {
    const stored = storedRateLimitKey(this.keyPrefix, rlKey);
    return this.reported(
      this.table
        .sweepIfDue()
        .catch((error: unknown) => this.onStoreError(error))
        .then(() => prismaLimiter._upsert.call(this, stored, points, msDuration, forceExpire)),
    );
  }

  _get(rlKey: string): Promise<RateLimitRow | null> {
    return this.reported(prismaLimiter._get.call(this, storedRateLimitKey(this.keyPrefix, rlKey)));
  }

  _delete(rlKey: string): Promise<boolean> {
    return this.reported(prismaLimiter._delete.call(this, storedRateLimitKey(this.keyPrefix, rlKey)));
  }
}

export interface DatabaseRateLimitStoreOptions {
  /** How often (at most) an instance deletes expired rows, on a request. @default 60000 */
  sweepIntervalMs?: number;
}

/** Rate limits in the `rate_limits` table of the database `client` talks to. */
export function createPrismaRateLimitStore(client: PrismaClientSource, options: DatabaseRateLimitStoreOptions = {}): RateLimitStore {
  const table = new RateLimitTable(client, options.sweepIntervalMs ?? 60_000);
  return { kind: "database", createLimiter: (limiterOptions) => new DatabaseRateLimiter(limiterOptions, table) };
}

/**
 * The shared store `choice` (the config's `rateLimits.store`) asks for, or undefined for
 * "memory"; the composition root passes it to createEngineContext.
 * @param databaseUrl for "database": the app's database (default DATABASE_URL).
 */
export function createRateLimitStore(choice: RateLimitStoreChoice, databaseUrl?: string): RateLimitStore | undefined {
  if (choice === "memory") return undefined;
  if (choice === "database") {
    const url = resolveDatabaseUrl(databaseUrl);
    return createPrismaRateLimitStore(() => getPrismaClient(url));
  }
  return createRedisRateLimitStore(choice);
}
