/** Longest redirect target accepted, before and after normalisation. */
const MAX_LENGTH = 2048;

/** Any origin will do: only "did it stay on this origin?" is asked of it. */
const BASE = "http://gatehouse.invalid";

/**
 * Keeps post-sign-in redirects on this site (open-redirect defence). The one rule for every
 * redirect target that comes from a request (`redirectToPath` on the sign-in, refresh,
 * verify-email and third-party pages, the proxy and the server-side helpers); the browser and the
 * server apply it alike, since it is pure.
 *
 * The invariant is the browser's own: the returned path, resolved against the app origin, keeps
 * that origin, and so does the result of resolving it again. Checking the raw string is not enough,
 * because the URL parser removes dot segments afterwards (`/.//evil.example` and
 * `/a/%2e%2e//evil.example` both become `//evil.example`, which a browser reads as another host).
 * So the *normalised output* is checked again, and anything that does not come back unchanged is
 * refused rather than repaired. Refused values give `fallback`.
 *
 * @example safeRedirectPath("/dashboard?tab=2") // "/dashboard?tab=2"
 * @example safeRedirectPath("/a/..//evil.example") // "/"
 */
export function safeRedirectPath(value: string | null | undefined, fallback = "/"): string {
  if (typeof value !== "string") return fallback;
  const normalised = sameOriginPath(value);
  if (normalised === null) return fallback;
  // Re-check the output: it must pass the same test and come back unchanged, so that reading
  // it as a Location or a relative href again cannot land anywhere else (and the rule is idempotent).
  return sameOriginPath(normalised) === normalised ? normalised : fallback;
}

/** The normalised path+query+fragment of `value` if it is a same-origin path, else null. */
function sameOriginPath(value: string): string | null {
  if (value.length === 0 || value.length > MAX_LENGTH) return null;
  // Not protocol-relative: `//host` and `/\host` (browsers read a backslash as a slash).
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return null;
  // Browsers strip tabs and newlines from URLs, so `/\t/evil.example` would become `//evil.example`.
  if (/[\u0000-\u001f\u007f]/.test(value)) return null;
  let url: URL;
  try {
    url = new URL(value, BASE);
  } catch {
    return null;
  }
  if (url.origin !== BASE) return null;
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (path.length > MAX_LENGTH || !path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) return null;
  return path;
}
