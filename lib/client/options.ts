/**
 * Options of the browser-side session module. Set them once with `configureGatehouseClient`
 * (for example in the root client component); every function also takes an override.
 */
export interface GatehouseClientOptions {
  /**
   * Where the auth API lives, on this origin. Must match `apiBasePath` in lib/config.
   * @default "/api/auth"
   */
  apiBasePath?: string;
  /**
   * How long a tab waits for the cross-tab refresh lock before refreshing without it. A tab
   * that holds the lock and hangs must not freeze every other tab; refreshing without the lock
   * is safe, only not single-flight (the server's refresh grace window absorbs it).
   * @default 10_000
   */
  lockTimeoutMs?: number;
  /**
   * The `rid` header added to state-changing requests (POST, PUT, PATCH, DELETE) that carry
   * none: the FDI anti-CSRF custom header. supertokens-web-js sends the same value.
   * @default "anti-csrf"
   */
  rid?: string;
}

export type ResolvedClientOptions = Required<GatehouseClientOptions>;

const DEFAULTS: ResolvedClientOptions = {
  apiBasePath: "/api/auth",
  lockTimeoutMs: 10_000,
  rid: "anti-csrf",
};

let configured: ResolvedClientOptions = { ...DEFAULTS };

/** Sets the module-wide options; fields left out keep their defaults. */
export function configureGatehouseClient(options: GatehouseClientOptions): void {
  configured = resolve(DEFAULTS, options);
}

/** The module-wide options with a per-call override on top. */
export function resolveClientOptions(override?: GatehouseClientOptions): ResolvedClientOptions {
  return override ? resolve(configured, override) : configured;
}

function resolve(base: ResolvedClientOptions, override: GatehouseClientOptions): ResolvedClientOptions {
  const merged = { ...base };
  for (const key of Object.keys(override) as (keyof GatehouseClientOptions)[]) {
    const value = override[key];
    if (value !== undefined) (merged as Record<string, unknown>)[key] = value;
  }
  checkApiBasePath(merged.apiBasePath);
  // "/api/auth/" and "/api/auth" name the same base; URLs are built as `${apiBasePath}/…`.
  merged.apiBasePath = merged.apiBasePath.replace(/\/+$/, "");
  return merged;
}

/**
 * The refresh (with the anti-csrf token) and the sign-out go to `${apiBasePath}/…` resolved
 * against this page: "//host", "/\\host" (browsers read "\\" as "/") or "https://host" would send
 * them to another origin, and "api/auth" to a path relative to whichever page is open. The
 * server checks its own apiBasePath fully at start-up; this only keeps the client on this origin.
 */
function checkApiBasePath(path: unknown): void {
  const onThisOrigin = typeof path === "string" && path.startsWith("/") && !/[\\?#]|\/\/|(^|\/)\.\.?(\/|$)/.test(path);
  if (!onThisOrigin) {
    throw new TypeError(`Gatehouse client: apiBasePath must be a path on this origin, like "/api/auth"; got ${JSON.stringify(path)}`);
  }
}

/** The refresh endpoint under the API base path (the refresh cookie is scoped to exactly this path). */
export function refreshUrl(options: ResolvedClientOptions): string {
  return `${options.apiBasePath}/session/refresh`;
}
