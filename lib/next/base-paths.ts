import { DEFAULT_API_BASE_PATH, DEFAULT_WEBSITE_BASE_PATH, isAtOrBelow } from "../auth/base-paths";

/**
 * Configurable base paths, routed at run time.
 *
 * The UI's pages live in app/auth/* and the API's handler in app/api/auth/[...path]: the folders
 * are fixed, the public paths are not. The proxy (proxy.ts → createSessionProxy) maps the
 * configured `websiteBasePath` / `apiBasePath` onto those folders with a rewrite, reading them
 * from `gatehouse().config` on each request. Why the proxy and not `rewrites()` in
 * next.config.js: Next computes next.config rewrites at build time (routes-manifest.json), so
 * a path set in lib/config or the environment at `next start` would silently not apply, and the
 * TypeScript lib/config cannot be imported by next.config.js anyway. With the proxy, the deployer
 * sets the paths in one place (lib/config) and one build serves any paths.
 *
 * One public surface: when a custom path is configured, the physical defaults answer 404 (the
 * pages through the app's not-found page, the API as `{"message":"not found"}`), so that links,
 * cookies and emails never work on two paths. For speed the proxy does not run on `/api/auth/*`
 * at all (proxy.ts's matcher); there the API's own router refuses any path outside the configured
 * `apiBasePath` (lib/http/routes.ts), which the route handler still sees as the public path.
 */
export type BasePathRouting = { kind: "pass" } | { kind: "rewrite"; pathname: string; physicalPath: string } | { kind: "not-found"; api: boolean };

/** Private folder name (leading "_"): never a route, so a rewrite here renders the not-found page. */
export const NOT_FOUND_PATH = "/_gatehouse/not-found";

/** A request's path as Next's router resolves it (decoded); as sent when it is not valid percent-encoding. */
export function decodePath(pathname: string): string {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return pathname;
  }
}

/**
 * Where a request path goes. `pathname` is the raw (possibly percent-encoded) URL path; it is
 * compared decoded, as Next's router resolves it, so "/%61uth" cannot reach app/auth when that
 * is not public. The configured paths are checked first, so a custom path may even sit inside a
 * physical one ("/auth/login").
 */
export function routeBasePaths(pathname: string, paths: { apiBasePath: string; websiteBasePath: string }): BasePathRouting {
  const path = decodePath(pathname);
  const mounts = [
    { base: paths.apiBasePath, physical: DEFAULT_API_BASE_PATH },
    { base: paths.websiteBasePath, physical: DEFAULT_WEBSITE_BASE_PATH },
  ];
  for (const { base, physical } of mounts) {
    if (!isAtOrBelow(path, base)) continue;
    if (base === physical) return { kind: "pass" };
    const physicalPath = `${physical}${path.slice(base.length)}`;
    // The rest keeps its original encoding: base paths hold no characters that need any.
    return { kind: "rewrite", pathname: `${physical}${pathname.slice(encodedPrefixLength(pathname, base))}`, physicalPath };
  }
  for (const { physical } of mounts) {
    if (isAtOrBelow(path, physical)) return { kind: "not-found", api: physical === DEFAULT_API_BASE_PATH };
  }
  return { kind: "pass" };
}

/** Length of the raw prefix of `pathname` that decodes to `base` (usually `base.length`). */
function encodedPrefixLength(pathname: string, base: string): number {
  if (pathname.startsWith(base)) return base.length;
  const segments = base.split("/").length;
  const raw = pathname.split("/").slice(0, segments).join("/");
  return raw.length;
}
