import type { ResolvedConfig } from "./config";
import { noEmailDelivery, type EmailDelivery } from "./email/email-delivery";
import { silentLog, type EngineLog } from "./log";
import type { Stores } from "./stores";
import { deriveKeys, type DerivedKeys } from "./secret";
import type { ClaimSource } from "./session/claim-source";
import { SigningKeyRing } from "./session/signing-keys";
import { withRevocationLog } from "./session/revocation-log";
import { RevocationSet } from "./session/revocation-set";
import { withStoreFailures } from "./store-failures";
import { rateLimitersFor, type RateLimiters, type RateLimitStore } from "./rate-limiters";
import { roleClaimSources } from "./userroles/role-claims";
import { createAuditRecorder, type AuditRecorder } from "./audit/audit-recorder";

/** Everything an engine function needs, passed in: no globals, no framework, time injected. */
export interface EngineContext {
  config: ResolvedConfig;
  stores: Stores;
  keys: DerivedKeys;
  keyRing: SigningKeyRing;
  /** The clock. Tests pin it; production passes `() => new Date()`. */
  now: () => Date;
  /** The `iss` claim of every access token: the API's public URL. */
  issuer: string;
  /** Claims the engine keeps fresh in every access token (email verification, roles). */
  claimSources: ClaimSource[];
  /** Sends the engine's emails (lib/email in the app). */
  emailDelivery: EmailDelivery;
  /**
   * Keeps work that outlives the response alive (a password-reset email is sent after the
   * answer, so that its timing reveals nothing). The app passes Next's `after`.
   */
  waitUntil: (task: Promise<unknown>) => void;
  /** Auth events, one line each (lib/log in the app; lib/http binds a request id per request). */
  log: EngineLog;
  /** This instance's copy of recent revocations: getSession refuses their access tokens. */
  revocations: RevocationSet;
  /** Rate limiters, counting where `rateLimits.store` says (lib/http/rate-limit.ts uses them). */
  rateLimiters: RateLimiters;
  /**
   * Records every auth event in the audit log (lib/auth/log.ts calls it). lib/http gives each
   * request a child carrying its IP and user agent, and awaits its writes before answering.
   */
  audit: AuditRecorder;
}

export function createEngineContext(input: {
  config: ResolvedConfig;
  stores: Stores;
  secret: string;
  now?: () => Date;
  claimSources?: ClaimSource[];
  emailDelivery?: EmailDelivery;
  waitUntil?: (task: Promise<unknown>) => void;
  log?: EngineLog;
  /** Where shared rate limits count; required when `rateLimits.store` is not "memory". */
  rateLimitStore?: RateLimitStore;
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
  const stores: Stores = {
    ...guarded,
    sessions: withRevocationLog(guarded.sessions, revocations, { now, accessTokenTtlSeconds: session.accessTokenTtlSeconds }),
  };
  return {
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
        log.error({ event: "signing_keys.row_rejected", kid, reason }, `Signing key ${kid} refused (${reason}): a row Gatehouse did not write, or changed since; remove it`),
      onReloadError: (error, retryInMs) =>
        log.warn({ event: "signing_keys.reload_failed", error: String((error as Error)?.message ?? error), retryInMs }),
    }),
    now,
    issuer: `${input.config.appOrigin}${input.config.apiBasePath}`,
    // Role claims follow the config; other recipes (email verification) pass theirs in.
    claimSources: [...roleClaimSources(input.config), ...(input.claimSources ?? [])],
    emailDelivery: input.emailDelivery ?? noEmailDelivery,
    waitUntil: input.waitUntil ?? (() => {}),
    log,
    revocations,
    rateLimiters: rateLimitersFor(input.config.rateLimits.store, input.rateLimitStore, log),
    audit: createAuditRecorder({ store: stores.audit, now, enabled: input.config.auditLog.enabled }),
  };
}
