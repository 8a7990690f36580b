import { resolveConfig } from "./auth/resolve-config";
import { gatehouseConfig } from "./config";
import { loadAppSecret } from "./dev-secret";

/**
 * Checks configuration and the app secret when a server starts, so that a production deployment
 * without GATEHOUSE_SECRET (or with a bad TTL or origin) refuses to start with a clear message
 * instead of failing on its first request.
 */
export function checkStartup(): void {
  try {
    resolveConfig(gatehouseConfig, process.env);
    loadAppSecret();
  } catch (error) {
    console.error(`\n[gatehouse] cannot start: ${(error as Error).message}\n`);
    process.exit(1);
  }
}
