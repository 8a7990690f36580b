import { domainToASCII } from "node:url";
import { normaliseEmail } from "../emailpassword/credential-checks";
import type { TenantLoginMethods } from "../ports/organization-store";

/**
 * Whether the tenant's `allowedEmailDomains` (absent: any) admits this email. Both sides are
 * compared as DNS knows the domain: normalised (NFC among others), then in its ASCII form, so a
 * domain typed decomposed, or written as `xn--…`, is the same domain.
 */
export function isEmailDomainAllowed(loginMethods: TenantLoginMethods | null, email: string): boolean {
  const allowed = loginMethods?.allowedEmailDomains;
  if (allowed === undefined) return true;
  const address = normaliseEmail(email);
  const domain = domainKey(address.slice(address.lastIndexOf("@") + 1));
  return allowed.some((entry) => domainKey(normaliseEmail(entry)) === domain);
}

/**
 * The domain's ASCII form (IDNA, as URLs map hosts): one mailbox's domain has one key whichever
 * way it was written. A domain that has no ASCII form is compared as written.
 */
function domainKey(domain: string): string {
  return domainToASCII(domain) || domain;
}
