type EngineProvider = "sqlite" | "postgresql";

/**
 * SQL taking a database built from the migrations folder to the schema; "" when they agree
 * (`prisma migrate diff --from-migrations --to-schema --script`).
 */
export declare function diffMigrationsToSchema(provider: EngineProvider, input: { schema: string; migrationsDir: string }): Promise<string>;

/** Prisma's own view of a database's migration history (`prisma migrate status`). */
export declare function diagnoseMigrationHistory(
  provider: EngineProvider,
  input: { url: string; schema: string; migrationsDir: string },
): Promise<{
  editedMigrationNames: string[];
  failedMigrationNames: string[];
  hasMigrationsTable: boolean;
  history: null | { diagnostic: string; [key: string]: unknown };
}>;

/** Applies the folder with Prisma's engine (`prisma migrate deploy`); returns applied names. */
export declare function applyMigrationsWithEngine(
  provider: EngineProvider,
  input: { url: string; schema: string; migrationsDir: string },
): Promise<string[]>;
