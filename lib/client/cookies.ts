/**
 * JS-readable cookies through `document.cookie`, written the way supertokens-web-js writes its
 * own (host-only, `path=/`, `samesite=lax`) so that both clients read and overwrite the same
 * cookie rather than two copies. Outside a browser (server rendering) nothing is stored.
 */

/** Far-future expiry supertokens-web-js uses for cookies that live until removed. */
const NEVER = "Fri, 31 Dec 9999 23:59:59 GMT";
const EPOCH = "Thu, 01 Jan 1970 00:00:00 GMT";

function cookieDocument(): { cookie: string } | undefined {
  return typeof document === "undefined" ? undefined : document;
}

/*
 * In a sandboxed frame without `allow-same-origin` (and other opaque-origin documents) reading or
 * writing `document.cookie` throws a SecurityError. There is no JS-readable session there: reads
 * answer "none" and writes are dropped, instead of every read and every response throwing.
 */
function allCookies(): string {
  try {
    return cookieDocument()?.cookie ?? "";
  } catch {
    return "";
  }
}

function assignCookie(assignment: string): void {
  const doc = cookieDocument();
  if (!doc) return;
  try {
    doc.cookie = assignment;
  } catch {
    // Cookies blocked: see allCookies.
  }
}

/**
 * The cookie's value, or null. With duplicates (same name on several paths or domains) the
 * last one wins, as in supertokens-web-js.
 */
export function readCookie(name: string): string | null {
  let found: string | null = null;
  for (const part of allCookies().split(";")) {
    const eq = part.indexOf("=");
    if (eq === -1) continue;
    if (part.slice(0, eq).trim() === name) found = part.slice(eq + 1).trim();
  }
  return found;
}

/**
 * Writes a cookie that lives until removed. The caller guarantees that `value` holds no
 * `;`, `,` or whitespace: a value from a response header must be validated first, or it could
 * smuggle cookie attributes (a `domain=` or `path=`) into the write.
 */
export function writeCookie(name: string, value: string): void {
  assignCookie(`${name}=${value};expires=${NEVER};path=/;samesite=lax`);
}

export function removeCookie(name: string): void {
  assignCookie(`${name}=;expires=${EPOCH};path=/;samesite=lax`);
}
