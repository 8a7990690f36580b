/** Rate-limit options of the deployer's config (re-exported by config.ts). */

/** At most `points` requests per `durationSeconds`. */
export interface RateLimitOptions {
  points: number;
  durationSeconds: number;
}

/**
 * Brute-force limits (counted in each instance's memory). Per-IP limits use the client address
 * from `X-Forwarded-For` / `X-Real-IP`, so they apply only behind a proxy that sets them (Vercel
 * and most hosts do); the per-account limit always applies. No limit locks an account for good:
 * each window ends, and a correct sign-in clears the account's failures.
 */
export interface BruteForceLimits {
  /** Off switch for all of these. @default true */
  enabled?: boolean;
  /** Failed sign-ins per account (keyed by the normalised email, known or not). @default { points: 10, durationSeconds: 900 } */
  signInFailuresPerAccount?: RateLimitOptions;
  /** Sign-in attempts per IP. @default { points: 60, durationSeconds: 60 } */
  signInPerIp?: RateLimitOptions;
  /** Sign-ups per IP. @default { points: 20, durationSeconds: 3600 } */
  signUpPerIp?: RateLimitOptions;
  /** Email-exists checks per IP. @default { points: 30, durationSeconds: 60 } */
  emailExistsPerIp?: RateLimitOptions;
  /** Refreshes per IP. @default { points: 300, durationSeconds: 60 } */
  refreshPerIp?: RateLimitOptions;
}
