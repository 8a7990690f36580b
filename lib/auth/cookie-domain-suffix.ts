/*
 * A cookie Domain that is a public suffix ("vercel.app", "github.io", "co.uk") passes every
 * syntactic check and even covers the app's host, yet browsers drop every cookie set on it
 * (RFC 6265 §5.3 step 5): sign-in then loops without an error anywhere. Only the Public Suffix
 * List tells such a domain from a registrable one, so this check lives apart from resolveConfig,
 * which is synchronous: the list (tldts) is loaded only when a cookieDomain is set, and a
 * deployment without one never pays its ~15 ms of loading at start.
 */

/**
 * Why browsers would refuse session cookies on `cookieDomain`, or null. Both sections of the
 * list count (the ICANN suffixes and the private ones, such as hosting platforms), since browsers
 * apply both. A name the list does not know ("localhost", "internal") is left alone: only the
 * list's implicit "*" rule matches it, and that is no evidence of a public suffix.
 */
export async function publicSuffixProblem(cookieDomain: string | undefined): Promise<string | null> {
  if (!cookieDomain) return null;
  const domain = cookieDomain.replace(/^\./, "").toLowerCase();
  const { parse } = await import("tldts");
  const parsed = parse(domain, { allowPrivateDomains: true });
  if (parsed.isIp || parsed.publicSuffix !== domain || !(parsed.isIcann || parsed.isPrivate)) return null;
  return (
    `session.cookieDomain "${cookieDomain}" is a public suffix: browsers drop every cookie set on it, so nobody could stay signed in ` +
    "(use your own registrable domain or a sub-domain of it, or leave cookieDomain unset for host-only cookies)"
  );
}
