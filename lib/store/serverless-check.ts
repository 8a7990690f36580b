import { GatehouseError } from "../auth/errors";
import { providerOf, resolveDatabaseUrl } from "./database-url.mjs";

/**
 * Refuses SQLite on Vercel: each serverless instance gets its own read-only (or throw-away)
 * filesystem, so every sign-up would be lost or fail. PostgreSQL or MySQL is needed there.
 */
export function assertDatabaseFitsPlatform(env: Record<string, string | undefined> = process.env): void {
  if (env.VERCEL && providerOf(resolveDatabaseUrl(env.DATABASE_URL)) === "sqlite") {
    throw new GatehouseError(
      "CONFIG_INVALID",
      "SQLite cannot be used on Vercel: each serverless instance has its own throw-away filesystem, so users and sessions would be lost. " +
        'Set DATABASE_URL to a PostgreSQL or MySQL database (see docs/deploy.md, "Deploy to Vercel").',
    );
  }
}
