import { domainToASCII, domainToUnicode } from "node:url";
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
 * Whether two addresses reach one mailbox: the same local part once normalised, and the same
 * domain whichever way it is written (as `isEmailDomainAllowed` compares domains). Accounts stay
 * keyed by the address as normalised; this is for a check that an address was proven, such as
 * an invitation's.
 */
export function isSameMailbox(a: string, b: string): boolean {
  return mailboxKey(a) === mailboxKey(b);
}

/**
 * One key per mailbox, however its address is written: the local part normalised and the domain
 * in its ASCII form (isSameMailbox). For what counts per mailbox, such as the invitations an
 * address is sent: counted by the address as typed, `victim@bücher.example` and
 * `victim@xn--bcher-kva.example` were two counts for one inbox.
 */
export function mailboxKey(email: string): string {
  const address = normaliseEmail(email);
  const at = address.lastIndexOf("@");
  return at < 0 ? address : `${address.slice(0, at)}@${domainKey(address.slice(at + 1))}`;
}

/**
 * The domain's ASCII form (IDNA, as URLs map hosts): one mailbox's domain has one key whichever
 * way it was written. A domain that has no ASCII form is compared as written.
 */
function domainKey(domain: string): string {
  return domainToASCII(domain) || domain;
}

/**
 * Whether mail for the address goes to the mailbox it names, so that an account keyed by it is
 * that mailbox's only account. Server-side (`node:url`); new addresses only (sign-up, an email
 * change), so that no existing account is shut out.
 * - RFC 5322's specials (`,` `;` `<` `>` `(` `)` `:` `"` `[` `]` `\`) are address-list syntax
 *   outside a quoted local part, which no real mailbox needs: nodemailer sends
 *   `x,victim@corp.com` and `group:victim@corp.com` to victim@corp.com alone.
 * - The domain is written in one of its own forms: as DNS carries it (ASCII, `xn--…`) or as that
 *   form reads in Unicode. IDNA maps some characters to others or to nothing (a zero-width space
 *   or a soft hyphen, full-width letters): `victim@corp.com\u200b` goes to victim@corp.com and
 *   counts as corp.com for `isEmailDomainAllowed` and `isSameMailbox`, yet looks exactly like
 *   it. A domain with no ASCII form is compared as written, so it passes.
 * Otherwise whoever signs up under such an address has its verification link mailed to the
 * victim's mailbox, and one click there verifies it (for a tenant's domain rule, as corp.com).
 * - No format character (Unicode Cf) anywhere: each is invisible or reorders the text around it
 *   (zero-width spaces and joiners, the soft hyphen, bidirectional overrides and isolates). An
 *   address is shown to others (an organization's member list, the admin), and must read as the
 *   mailbox it is: `support\u202emoc.lapyap@evil.co` reads "supportoc.live@paypal.com", and
 *   `victim\u200b@corp.com` exactly like victim@corp.com. ZWNJ and ZWJ, which some words in
 *   Persian or Indic scripts carry, are refused with the rest: new addresses only, none shut out.
 */
export function isAddressDeliveredAsWritten(email: string): boolean {
  const address = normaliseEmail(email);
  if (/[,;<>():"[\]\\]/.test(address) || hasFormatCharacter(address)) return false;
  const domain = address.slice(address.lastIndexOf("@") + 1);
  const ascii = domainToASCII(domain);
  return ascii === "" || ascii === domain || domainToUnicode(ascii) === domain;
}

/**
 * Whether the address holds a format character (Unicode Cf), the one rule of
 * isAddressDeliveredAsWritten that came after addresses with them were accepted: a user may hold one.
 */
export function hasFormatCharacter(email: string): boolean {
  return /\p{Cf}/u.test(email);
}
