import { resolveConfig } from "./auth/resolve-config";
import { gatehouseConfig } from "./config";
import { loadAppSecret } from "./dev-secret";
import { providerOf, resolveDatabaseUrl } from "./store/database-url.mjs";
import { revocationListenerFromEnv } from "./store/revocation-listener";
import { assertDatabaseFitsPlatform } from "./store/serverless-check";

/**
 * Checks configuration and the app secret when a server starts, so that a production deployment
 * without GATEHOUSE_SECRET (or with a bad TTL or origin) refuses to start with a clear message
 * instead of failing on its first request.
 */
export function checkStartup(): void {
  try {
    const config = resolveConfig(gatehouseConfig, process.env);
    if (process.env.NODE_ENV === "production" && config.trustedProxy.kind === "none") {
      console.info(
        `[gatehouse] trustedProxy is "none": client addresses are unknown, so per-IP limits are off and failed sign-ins ` +
          `count per account and over all clients. Behind a proxy, declare it in lib/config (docs/security.md, "Behind a proxy").`,
      );
    }
    assertDatabaseFitsPlatform(process.env);
    revocationListenerFromEnv(providerOf(resolveDatabaseUrl(process.env.DATABASE_URL)), process.env);
    loadAppSecret();
  } catch (error) {
    console.error(`\n[gatehouse] cannot start: ${(error as Error).message}\n`);
    process.exit(1);
  }
}

/**
 * Creates the roles listed in lib/config. A database that is not reachable or not migrated yet
 * does not stop the start: the error is logged and the roles are seeded at the next start.
 */
export async function seedConfiguredRoles(): Promise<void> {
  const [{ gatehouse }, { seedRoles }] = await Promise.all([import("./gatehouse"), import("./auth/userroles/roles")]);
  try {
    const created = await seedRoles(gatehouse());
    if (created.length > 0) console.info(`[gatehouse] created roles from lib/config: ${created.join(", ")}`);
  } catch (error) {
    console.error(`[gatehouse] could not seed roles from lib/config: ${(error as Error).message}`);
  }
}
