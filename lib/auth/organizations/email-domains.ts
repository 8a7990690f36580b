import type { TenantLoginMethods } from "../ports/organization-store";

/** Whether the tenant's `allowedEmailDomains` (absent: any) admits this normalised email. */
export function isEmailDomainAllowed(loginMethods: TenantLoginMethods | null, email: string): boolean {
  const allowed = loginMethods?.allowedEmailDomains;
  if (allowed === undefined) return true;
  const domain = email.slice(email.lastIndexOf("@") + 1);
  return allowed.includes(domain);
}
