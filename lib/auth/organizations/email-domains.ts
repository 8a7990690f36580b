import { normaliseEmail } from "../emailpassword/credential-checks";
import type { TenantLoginMethods } from "../ports/organization-store";

/**
 * Whether the tenant's `allowedEmailDomains` (absent: any) admits this email. Both sides are
 * compared normalised (NFC among others), so a domain typed decomposed is the same domain.
 */
export function isEmailDomainAllowed(loginMethods: TenantLoginMethods | null, email: string): boolean {
  const allowed = loginMethods?.allowedEmailDomains;
  if (allowed === undefined) return true;
  const address = normaliseEmail(email);
  const domain = address.slice(address.lastIndexOf("@") + 1);
  return allowed.some((entry) => normaliseEmail(entry) === domain);
}
