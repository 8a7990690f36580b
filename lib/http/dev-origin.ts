import { isLoopbackHostname } from "../auth/loopback";

/**
 * Development only: the origin `next dev` is opened at. A newcomer runs `npm run dev -- -p 3457`,
 * or Next moves to 3001 because 3000 is busy, or opens `http://127.0.0.1:3000`: each is a
 * different origin from the configured one, and sign-up would be refused as cross-origin.
 *
 * Why this is safe to accept there, and only there:
 * - only when the engine was resolved for development (`config.development`: NODE_ENV
 *   "development", which a production build can never be: lib/gatehouse.ts);
 * - only a loopback host (`localhost`, `127.0.0.1`, `[::1]`), so nothing reachable from another
 *   machine gains anything;
 * - only an Origin equal to the request's own Host. A page on another origin cannot make the
 *   browser send this server's origin as its Origin, and DNS rebinding (evil.example resolving
 *   to 127.0.0.1) arrives with `Host: evil.example`, which is not loopback.
 */

export function isOwnLoopbackOrigin(origin: string, host: string | null): boolean {
  if (host === null) return false;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return false;
  // URL.origin re-serialises, so a padded or path-carrying header cannot pass as equal.
  if (url.origin !== origin) return false;
  return isLoopbackHostname(url.hostname) && url.host === host.toLowerCase();
}
