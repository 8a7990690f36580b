import { createEngineContext, type EngineContext } from "./auth/context";
import { emailVerificationClaimSource } from "./auth/emailverification/email-verification-claim";
import { resolveConfig } from "./auth/resolve-config";
import type { ClaimSource } from "./auth/session/session-claims";
import { gatehouseConfig } from "./config";
import { loadAppSecret } from "./dev-secret";
import { createEmailDelivery } from "./email";
import { createLogger } from "./log";
import { createPrismaStores, createRateLimitStore } from "./store";
import { assertDatabaseFitsPlatform } from "./store/serverless-check";

/** Engine-kept session claims (the role claims follow `userRoles` in the config on their own). */
const claimSources: ClaimSource[] = [emailVerificationClaimSource];

/**
 * The composition root: the deployer's config, the Prisma stores and the secret wired into the
 * engine once per process. Held on globalThis so that Next's dev reloads and warm serverless
 * invocations reuse the key cache and database connections.
 */
const holder = globalThis as typeof globalThis & { __gatehouse?: EngineContext };

export function gatehouse(): EngineContext {
  if (!holder.__gatehouse) {
    assertDatabaseFitsPlatform(process.env);
    const config = resolveConfig(gatehouseConfig, process.env);
    const log = createLogger();
    holder.__gatehouse = createEngineContext({
      config,
      stores: createPrismaStores(process.env.DATABASE_URL),
      secret: loadAppSecret(),
      claimSources,
      emailDelivery: createEmailDelivery(config, process.env, log),
      log,
      // "database" (or Redis) when several instances must share the limits; undefined for "memory".
      rateLimitStore: createRateLimitStore(config.rateLimits.store, process.env.DATABASE_URL),
    });
  }
  return holder.__gatehouse;
}

/**
 * Replaces the process-wide context: for tests that drive the app's own route handlers on
 * in-memory stores, or for an app that composes its engine differently. `undefined` resets it.
 */
export function setGatehouse(ctx: EngineContext | undefined): void {
  holder.__gatehouse = ctx;
}
