import { createEngineContext, type EngineContext } from "./auth/context";
import { resolveConfig } from "./auth/resolve-config";
import { gatehouseConfig } from "./config";
import { loadAppSecret } from "./dev-secret";
import { createPrismaStores } from "./store";

/**
 * The composition root: the deployer's config, the Prisma stores and the secret wired into the
 * engine once per process. Held on globalThis so that Next's dev reloads and warm serverless
 * invocations reuse the key cache and database connections.
 */
const holder = globalThis as typeof globalThis & { __gatehouse?: EngineContext };

export function gatehouse(): EngineContext {
  holder.__gatehouse ??= createEngineContext({
    config: resolveConfig(gatehouseConfig, process.env),
    stores: createPrismaStores(process.env.DATABASE_URL),
    secret: loadAppSecret(),
  });
  return holder.__gatehouse;
}

/**
 * Replaces the process-wide context: for tests that drive the app's own route handlers on
 * in-memory stores, or for an app that composes its engine differently. `undefined` resets it.
 */
export function setGatehouse(ctx: EngineContext | undefined): void {
  holder.__gatehouse = ctx;
}
