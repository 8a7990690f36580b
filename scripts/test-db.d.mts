import type { DatabaseProvider } from "../lib/store/database-url.mjs";

/** Every test database's name starts with this; drop refuses any other name. */
export declare const TEST_DATABASE_PREFIX: "gh_test_";
/** The providers a test can ask for. */
export declare const TEST_PROVIDERS: readonly DatabaseProvider[];

export interface TestDatabase {
  provider: DatabaseProvider;
  /** Database name (SQLite: file name without `.db`). */
  name: string;
  /** DATABASE_URL for it. */
  url: string;
  /** Drops it (SQLite: deletes the file and its -wal/-shm). Close clients first. */
  drop(): Promise<void>;
}

/** A fresh name: `gh_test_<pid>_<random>`. */
export declare function uniqueDatabaseName(): string;
/**
 * Creates an empty, uniquely named database and, unless `migrate: false`, applies the
 * committed migrations (or those in `migrationsDir`) with scripts/db-migrate.mjs.
 */
export declare function createTestDatabase(
  provider: DatabaseProvider,
  options?: { migrate?: boolean; migrationsDir?: string },
): Promise<TestDatabase>;
/** Drops a database created by createTestDatabase; refuses names without the test prefix. */
export declare function dropTestDatabase(url: string): Promise<void>;
/** Drops test databases whose creating process no longer runs; returns their names. */
export declare function dropStaleTestDatabases(): Promise<string[]>;
/** Names a run's template databases to its test processes: JSON, provider → URL. */
export declare const TEMPLATES_VARIABLE: "GATEHOUSE_TEST_DB_TEMPLATES";
/**
 * Migrates one template database per provider; `variable` is the value for TEMPLATES_VARIABLE,
 * `failed` says which providers got none and why, `drop` drops them all.
 */
export declare function createTemplateDatabases(): Promise<{ variable: string; failed: string[]; drop(): Promise<void> }>;
