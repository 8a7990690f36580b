import { createEngineContext, type EngineContext } from "./auth/context";
import type { GatehouseConfig, ResolvedConfig } from "./auth/config";
import type { EmailDelivery } from "./auth/email/email-delivery";
import type { EngineLog } from "./auth/log";
import type { SmsDelivery } from "./auth/passwordless/sms-delivery";
import type { RateLimitStore } from "./auth/ports/rate-limit-store";
import { resolveConfig } from "./auth/resolve-config";
import { GatehouseError } from "./auth/errors";
import type { ClaimSource } from "./auth/session/claim-source";
import type { Stores } from "./auth/ports";
import { gatehouseConfig } from "./config";
import { loadAppSecret } from "./dev-secret";
import { withE2eConfigOverlay } from "./e2e-config-overlay";
import { createEmailDelivery } from "./email";
import { createSmsDelivery } from "./email/sms-dev-outbox";
import { DICTIONARIES } from "./i18n";
import { createLogger } from "./log";
import { createPrismaStores, createRateLimitStore } from "./store";
import { assertDatabaseFitsPlatform } from "./store/serverless-check";

/** The environment the engine is built from: `process.env` in the app and the CLI. */
export type GatehouseEnv = Record<string, string | undefined>;

/**
 * What a caller may put in place of the app's own parts. The app passes none; the CLI its
 * logger and secret rule; tests in-memory stores, a pinned clock, a fixed secret.
 */
export interface GatehouseOverrides {
  /** The deployer's config instead of lib/config. */
  config?: GatehouseConfig;
  /** Instead of the Prisma stores on `DATABASE_URL`. Then no shared rate-limit store is made either. */
  stores?: Stores;
  /** Where shared rate limits count, instead of the one `rateLimits.store` names. */
  rateLimitStore?: RateLimitStore;
  /** Instead of GATEHOUSE_SECRET (generated into .env.local in development). */
  secret?: string;
  /** The clock. */
  now?: () => Date;
  /** The in-memory rate limits' clock, in milliseconds since the epoch. @default Date.now */
  rateLimitNow?: () => number;
  /** Instead of the pino logger on stdout. */
  log?: EngineLog;
  /** Instead of SMTP_URL's delivery (or the development outbox). */
  emailDelivery?: EmailDelivery;
  /**
   * Sends passwordless codes by SMS (your provider: see docs/passwordless.md). Unset: the
   * development outbox outside production, else every SMS fails.
   */
  smsDelivery?: SmsDelivery;
  /** Claims beyond the built-in ones, which the engine always keeps. */
  claimSources?: readonly ClaimSource[];
  /** For work outside any request (scripts, tests); a request passes its own (withRequestScope). */
  waitUntil?: (task: Promise<unknown>) => void;
}

/**
 * The deployer's config (or a test's), every default filled and every value checked, once: what
 * the engine and the pages read (`gatehouse().config`). The e2e server's overlay applies only
 * when it names one (lib/e2e-config-overlay.ts).
 */
export function resolveGatehouseConfig(env: GatehouseEnv, config: GatehouseConfig = gatehouseConfig): ResolvedConfig {
  const resolved = resolveConfig(withE2eConfigOverlay(config, env), builtEnv(env));
  checkUiLocale(resolved.ui.locale);
  return resolved;
}

/**
 * Checked here because the dictionaries are lib/i18n's, which lib/auth does not import: an
 * unknown locale was passed over at every page, and the UI followed each browser instead.
 */
function checkUiLocale(locale: string | undefined): void {
  if (locale !== undefined && !Object.hasOwn(DICTIONARIES, locale)) {
    throw new GatehouseError("CONFIG_INVALID", `ui.locale must be one of ${Object.keys(DICTIONARIES).join(", ")}, got "${locale}"`);
  }
}

/**
 * The environment with the NODE_ENV the code was built for. Next inlines `process.env.NODE_ENV`
 * into a production build, so under `next start` this reads "production" even when the
 * process's environment says "development" (or "staging"): the development relaxations (the dev
 * server's own loopback origin, lib/http/dev-origin.ts; the email and SMS outboxes; the secret
 * generated into .env.local) can only be had from `next dev`.
 */
function builtEnv(env: GatehouseEnv): GatehouseEnv {
  return process.env.NODE_ENV === "production" ? { ...env, NODE_ENV: "production" } : env;
}

/**
 * The composition root: the one place that builds an engine, for the app, the CLI, the start-up
 * check and the tests alike. Construction only: nothing connects to the database or the mail
 * server until used. The result is frozen (lib/auth/context.ts): per-request things are derived
 * from it, never written into it.
 */
export function createGatehouse({ env, overrides = {} }: { env: GatehouseEnv; overrides?: GatehouseOverrides }): EngineContext {
  if (!overrides.stores) assertDatabaseFitsPlatform(env);
  const config = resolveGatehouseConfig(env, overrides.config);
  // Every development relaxation follows the build, as the config's do: under a production build
  // started with another NODE_ENV, no outbox that logs the links, no secret written to .env.local.
  const built = builtEnv(env);
  const log = overrides.log ?? createLogger({}, built);
  const stores = overrides.stores ?? createPrismaStores(env.DATABASE_URL);
  return createEngineContext({
    config,
    stores,
    // "database" (or Redis) when several instances must share the limits; undefined for "memory".
    rateLimitStore: overrides.rateLimitStore ?? (overrides.stores ? undefined : createRateLimitStore(config.rateLimits.store, env.DATABASE_URL)),
    secret: overrides.secret ?? loadAppSecret(built),
    now: overrides.now,
    rateLimitNow: overrides.rateLimitNow,
    claimSources: overrides.claimSources,
    emailDelivery: overrides.emailDelivery ?? createEmailDelivery(config, built, log),
    smsDelivery: overrides.smsDelivery ?? createSmsDelivery(built),
    waitUntil: overrides.waitUntil,
    log,
  });
}

/**
 * The app's engine, built once per process. Held on globalThis because Next bundles
 * instrumentation.ts (which builds it at start-up) and the route handlers separately, each with
 * its own copy of this module, and because dev reloads and warm serverless invocations must
 * reuse the key cache and the database connections.
 */
const holder = globalThis as typeof globalThis & { __gatehouse?: EngineContext };

export function gatehouse(): EngineContext {
  return (holder.__gatehouse ??= createGatehouse({ env: process.env }));
}

/**
 * Replaces the process-wide engine: for tests that drive the app's own route handlers on
 * in-memory stores, or for an app that composes its engine differently. `undefined` resets it.
 */
export function setGatehouse(ctx: EngineContext | undefined): void {
  holder.__gatehouse = ctx;
}
