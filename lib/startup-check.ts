import { publicSuffixProblem } from "./auth/cookie-domain-suffix";
import { GatehouseError } from "./auth/errors";
import { seedRoles } from "./auth/userroles/roles";
import { gatehouse } from "./gatehouse";
import { startupNotices } from "./startup-notices";

/**
 * Builds the app's engine when a server starts, so that a production deployment without
 * GATEHOUSE_SECRET (or with a bad TTL, origin or database for the platform) refuses to start
 * with a clear message instead of failing on its first request. The checks are the composition
 * root's own (lib/gatehouse.ts), not a copy; the engine built here is the one the process keeps.
 * One more needs the Public Suffix List, loaded only when a cookieDomain is set, so it runs here
 * and in `gatehouse doctor` rather than in the synchronous resolveConfig.
 */
export async function checkStartup(): Promise<void> {
  try {
    const { config } = gatehouse();
    const problem = await publicSuffixProblem(config.session.cookieDomain);
    if (problem) throw new GatehouseError("CONFIG_INVALID", problem);
    for (const notice of startupNotices(config, process.env.NODE_ENV)) console.info(`[gatehouse] ${notice}`);
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
  try {
    const created = await seedRoles(gatehouse());
    if (created.length > 0) console.info(`[gatehouse] created roles from lib/config: ${created.join(", ")}`);
  } catch (error) {
    console.error(`[gatehouse] could not seed roles from lib/config: ${(error as Error).message}`);
  }
}
