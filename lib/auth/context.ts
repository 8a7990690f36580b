import type { ResolvedConfig } from "./config";
import { noEmailDelivery, type EmailDelivery } from "./email/email-delivery";
import { silentLog, type EngineLog } from "./log";
import type { Stores } from "./ports";
import { deriveKeys, type DerivedKeys } from "./secret";
import type { ClaimSource } from "./session/claim-source";
import { SigningKeyRing } from "./session/signing-keys";
import { withRevocationLog } from "./session/revocation-log";
import { RevocationSet } from "./session/revocation-set";
import { withStoreFailures } from "./store-failures";
import type { RateLimitStore } from "./ports/rate-limit-store";
import { rateLimitersFor, type RateLimiters } from "./rate-limiters";
import { roleClaimSources } from "./userroles/role-claims";
import { emailVerificationClaimSource } from "./emailverification/email-verification-claim";
import { GatehouseError } from "./errors";
import { createAuditRecorder, type AuditRecorder } from "./audit/audit-recorder";
import { noSmsDelivery, type SmsDelivery } from "./passwordless/sms-delivery";

/**
 * Everything an engine function needs, passed in: no globals, no framework, time injected.
 * Frozen once built: the engine is shared by every request of the process, so what belongs to
 * one request (its `waitUntil`, its logger with the request id, its audit scope) travels in a
 * derived copy made by `withRequestScope`, never by writing into the shared one.
 */
export interface EngineContext {
  readonly config: ResolvedConfig;
  readonly stores: Stores;
  readonly keys: DerivedKeys;
  readonly keyRing: SigningKeyRing;
  /** The clock. Tests pin it; production passes `() => new Date()`. */
  readonly now: () => Date;
  /** The `iss` claim of every access token: the API's public URL. */
  readonly issuer: string;
  /** Claims the engine keeps fresh in every access token (email verification, roles). */
  readonly claimSources: readonly ClaimSource[];
  /** Sends the engine's emails (lib/email in the app). */
  readonly emailDelivery: EmailDelivery;
  /** Sends passwordless codes by text message (the deployer's provider; none built in). */
  readonly smsDelivery: SmsDelivery;
  /**
   * Keeps work that outlives the response alive (a password-reset email is sent after the
   * answer, so that its timing reveals nothing). Per request: the app's route handler passes
   * Next's `after` through `withRequestScope`; the shared engine's own one only lets the task run.
   */
  readonly waitUntil: (task: Promise<unknown>) => void;
  /** Auth events, one line each (lib/log in the app; lib/http binds a request id per request). */
  readonly log: EngineLog;
  /** This instance's copy of recent revocations: getSession refuses their access tokens. */
  readonly revocations: RevocationSet;
  /** Rate limiters, counting where `rateLimits.store` says (lib/auth/limits/ counts through them). */
  readonly rateLimiters: RateLimiters;
  /**
   * Records every auth event in the audit log (lib/auth/log.ts calls it). lib/http gives each
   * request a child carrying its IP and user agent, and awaits its writes before answering.
   */
  readonly audit: AuditRecorder;
  /**
   * Per request, set by lib/http when the request's tokens go into cookies: the longest access
   * token its cookie holds (what a browser keeps, less the cookie's name and `=`). Every mint for
   * the request, and the payload checks before it, keep under this as well as under
   * `session.maxAccessTokenBytes` (session/access-token-cap.ts). Unset: that option alone.
   */
  readonly accessTokenCookieBytes?: number;
}

/** What may differ from one request (or one command) to the next; everything else is shared. */
export type RequestScope = Partial<Pick<EngineContext, "waitUntil" | "log" | "audit" | "accessTokenCookieBytes">>;

/**
 * The engine for one request: the shared one with this request's `waitUntil`, logger or audit
 * scope. A new frozen object each time, so that a request can never leave its `after` (or its
 * request id) behind for code that runs later on the shared engine.
 */
export function withRequestScope(engine: EngineContext, scope: RequestScope): EngineContext {
  // Spelled out rather than filtered through Object.entries: this runs on every request.
  return Object.freeze({
    ...engine,
    ...(scope.waitUntil !== undefined && { waitUntil: scope.waitUntil }),
    ...(scope.log !== undefined && { log: scope.log }),
    ...(scope.audit !== undefined && { audit: scope.audit }),
    ...(scope.accessTokenCookieBytes !== undefined && { accessTokenCookieBytes: scope.accessTokenCookieBytes }),
  });
}

/**
 * The claims every engine keeps, whoever builds it: the role claims as the config asks, and the
 * FDI's email-verification claim in both modes (the app can always read it; enforced only in
 * REQUIRED). Registered here so that no composition (app, CLI, tests) can leave one out.
 */
export function builtInClaimSources(config: ResolvedConfig): ClaimSource[] {
  return [...roleClaimSources(config), emailVerificationClaimSource];
}

export function createEngineContext(input: {
  config: ResolvedConfig;
  stores: Stores;
  secret: string;
  now?: () => Date;
  /** Claims beyond the built-in ones (a deployer's own, a test's); a built-in key is refused. */
  claimSources?: readonly ClaimSource[];
  emailDelivery?: EmailDelivery;
  smsDelivery?: SmsDelivery;
  waitUntil?: (task: Promise<unknown>) => void;
  log?: EngineLog;
  /** Where shared rate limits count; required when `rateLimits.store` is not "memory". */
  rateLimitStore?: RateLimitStore;
  /**
   * The clock the in-memory limits count on, in milliseconds since the epoch (a test moves its
   * own, so that a window ends when the test says, however slow the machine).
   * @default Date.now
   */
  rateLimitNow?: () => number;
}): EngineContext {
  const keys = deriveKeys(input.secret);
  const { session } = input.config;
  const now = input.now ?? (() => new Date());
  const log = input.log ?? silentLog;
  // Anything a store throws becomes STORE_FAILED (a 503), never a raw driver error.
  const guarded = withStoreFailures(input.stores);
  const revocations = new RevocationSet({
    store: guarded.revocations,
    syncIntervalMs: session.revocationSyncIntervalMs,
    onSyncError: (error) => log.warn({ event: "revocations.sync_failed", error: String((error as Error)?.message ?? error) }),
    onFull: (notKept, checkDatabaseUntil) =>
      log.warn({ event: "revocations.set_full", notKept, checkDatabaseUntil: checkDatabaseUntil.toISOString() }),
    onFeedConnected: () => log.info({ event: "revocations.listening" }),
    onFeedError: (error, retryInMs) =>
      log.warn({ event: "revocations.listener_failed", error: String((error as Error)?.message ?? error), retryInMs }),
  });
  const stores: Stores = Object.freeze({
    ...guarded,
    sessions: withRevocationLog(guarded.sessions, revocations, { now, accessTokenTtlSeconds: session.accessTokenTtlSeconds }),
  });
  return Object.freeze({
    config: input.config,
    stores,
    keys,
    keyRing: new SigningKeyRing({
      store: stores.signingKeys,
      sealPassword: keys.sealPassword,
      algorithm: session.signingAlgorithm,
      rotationIntervalSeconds: session.keyRotationIntervalSeconds,
      accessTokenTtlSeconds: session.accessTokenTtlSeconds,
      macKey: keys.signingKeyMac,
      onRejectedKey: (kid, reason) =>
        log.error(
          { event: "signing_keys.row_rejected", kid, reason },
          `Signing key ${kid} refused (${reason}): a row Gatehouse did not write, or changed since; remove it`,
        ),
      onReloadError: (error, retryInMs) =>
        log.warn({ event: "signing_keys.reload_failed", error: String((error as Error)?.message ?? error), retryInMs }),
    }),
    now,
    issuer: `${input.config.appOrigin}${input.config.apiBasePath}`,
    claimSources: Object.freeze(withExtraClaimSources(builtInClaimSources(input.config), input.claimSources ?? [])),
    emailDelivery: input.emailDelivery ?? noEmailDelivery,
    smsDelivery: input.smsDelivery ?? noSmsDelivery,
    waitUntil: input.waitUntil ?? (() => {}),
    log,
    revocations,
    // Counted on the wall clock, as the shared stores count (their expiry is the database's or
    // Redis's): a limit's window is real time even where a test pins the engine's clock, unless
    // the test passes a limit clock of its own.
    rateLimiters: rateLimitersFor(input.config.rateLimits.store, input.rateLimitStore, log, {
      maxKeys: input.config.rateLimits.memoryMaxKeys,
      now: input.rateLimitNow ?? Date.now,
    }),
    audit: createAuditRecorder({ store: stores.audit, now, enabled: input.config.auditLog.enabled }),
  });
}

function withExtraClaimSources(builtIn: ClaimSource[], extra: readonly ClaimSource[]): ClaimSource[] {
  const keys = new Set(builtIn.map((source) => source.key));
  for (const source of extra) {
    if (keys.has(source.key)) throw new GatehouseError("CONFIG_INVALID", `claim "${source.key}" is kept by the engine itself; do not pass it again`);
    keys.add(source.key);
  }
  return [...builtIn, ...extra];
}
