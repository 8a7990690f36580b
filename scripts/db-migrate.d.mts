/** Thrown when the database and the migrations folder disagree; the message says what to do. */
export declare class MigrationError extends Error {}

/**
 * Applies every pending migration of the URL's provider under the migration lock, recording
 * them in `_prisma_migrations` as Prisma does.
 * @param databaseUrl defaults to DATABASE_URL, then to SQLite at `file:./gatehouse.db`
 */
export declare function migrate(
  databaseUrl?: string,
  options?: {
    /** Defaults to `prisma/<provider>/migrations`. */
    migrationsDir?: string;
    /** Defaults to console.log. */
    log?: (line: string) => void;
  },
): Promise<{ applied: string[]; alreadyApplied: string[] }>;
