/** A temporary SQLite database for the CLI tests of one `describe`, made before them and dropped after. */
import { afterAll, beforeAll } from "vitest";
import { createTestDatabase, type TestDatabase } from "../../../scripts/test-db.mjs";
import { TEST_SECRET } from "../../auth/testing/test-engine";
import { disconnectPrismaClient } from "../../store";

export interface CliDatabase {
  /** The database (set once `beforeAll` has run). */
  readonly db: TestDatabase;
  /** What the CLI needs to use it: its URL and the test secret. */
  readonly env: Record<string, string>;
}

/** Registers the hooks; read `db` and `env` inside the tests. */
export function sqliteForCli(): CliDatabase {
  let db: TestDatabase | undefined;
  beforeAll(async () => {
    db = await createTestDatabase("sqlite");
  });
  afterAll(async () => {
    if (!db) return;
    await disconnectPrismaClient(db.url);
    await db.drop();
  });
  const made = () => {
    if (!db) throw new Error("sqliteForCli: the database is made in beforeAll");
    return db;
  };
  return {
    get db() {
      return made();
    },
    get env() {
      return { DATABASE_URL: made().url, GATEHOUSE_SECRET: TEST_SECRET };
    },
  };
}
