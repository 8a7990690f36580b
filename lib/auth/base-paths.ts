import { GatehouseError } from "./errors";

/**
 * Where the app's files put the built-in UI (app/auth/*) and the auth API (app/api/auth/*).
 * These are also the defaults of `websiteBasePath` and `apiBasePath`. Other public paths reach
 * these folders through the proxy's run-time rewrite (lib/next/base-paths.ts).
 */
export const DEFAULT_WEBSITE_BASE_PATH = "/auth";
export const DEFAULT_API_BASE_PATH = "/api/auth";

/** One path segment: URL-safe characters only, so a base path never needs encoding or escaping. */
const SEGMENT = /^[A-Za-z0-9._~-]+$/;

function invalid(name: string, path: unknown, why: string): GatehouseError {
  return new GatehouseError("CONFIG_INVALID", `${name} ${why}, got ${JSON.stringify(path)} (example: "/api/auth")`);
}

/**
 * Checks and normalises a base path: a leading "/", no trailing "/" (one is dropped), no empty,
 * "." or ".." segment (so no "//"), only URL-safe characters, not the site root, and nothing under
 * "/_next" or any other first segment starting with "_" (Next and Gatehouse keep those).
 */
export function normaliseBasePath(name: string, path: unknown): string {
  if (typeof path !== "string") throw invalid(name, path, "must be a string");
  if (!path.startsWith("/")) throw invalid(name, path, `must start with "/"`);
  if (path.includes("//")) throw invalid(name, path, `must not contain "//"`);
  const trimmed = path.length > 1 && path.endsWith("/") ? path.slice(0, -1) : path;
  if (trimmed === "/") throw invalid(name, path, "cannot be the site root");
  const segments = trimmed.slice(1).split("/");
  if (segments.some((s) => s === "." || s === "..")) throw invalid(name, path, `must not contain "." or ".." segments`);
  if (!segments.every((s) => SEGMENT.test(s))) throw invalid(name, path, "may only use letters, digits and - . _ ~ between its slashes");
  if (segments[0].startsWith("_")) throw invalid(name, path, `must not start with "/_" (kept for Next.js and Gatehouse)`);
  return trimmed;
}

/** True when `path` is `base` or below it, whole segments only ("/auth" covers "/auth/x", not "/authx"). */
export function isAtOrBelow(path: string, base: string): boolean {
  return path === base || path.startsWith(`${base}/`);
}

/**
 * The two base paths together must route unambiguously: neither at or below the other, and the
 * UI not inside the physical API folder (the proxy leaves `/api/auth/*` alone for speed, so a
 * page there would never be reached).
 */
export function checkBasePathsApart(apiBasePath: string, websiteBasePath: string): void {
  if (isAtOrBelow(apiBasePath, websiteBasePath) || isAtOrBelow(websiteBasePath, apiBasePath)) {
    throw new GatehouseError(
      "CONFIG_INVALID",
      `apiBasePath ("${apiBasePath}") and websiteBasePath ("${websiteBasePath}") must not be equal or one inside the other`,
    );
  }
  if (isAtOrBelow(websiteBasePath, DEFAULT_API_BASE_PATH)) {
    throw new GatehouseError("CONFIG_INVALID", `websiteBasePath ("${websiteBasePath}") must not be at or under "${DEFAULT_API_BASE_PATH}"`);
  }
}
