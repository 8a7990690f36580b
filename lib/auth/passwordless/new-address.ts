/**
 * Which addresses a passwordless sign-up may make an account for: the same rule as every other
 * sign-up (email+password, passkey) and an email change, `isAddressDeliveredAsWritten`.
 *
 * The attack. `victim@corp.com\u200b`, `victim@\uff43orp.com` or `x,victim@corp.com` each name an
 * address of their own, yet the mailer delivers them to victim@corp.com. A passwordless sign-up
 * under one of them would make a second, verified account for the victim's mailbox: one that
 * counts as corp.com for a tenant's `allowedEmailDomains` and an invitation, looks exactly like
 * the victim's own, and that the victim makes by following a link somebody else asked for. Each
 * such twin is also a per-contact send limit of its own, so asking for codes under many of them
 * would flood the one inbox past the limit its real address has.
 *
 * Only new accounts are refused: an account that holds such an address already (made before the
 * check, by an operator, or imported) still signs in with it. That tells whether such an odd
 * address has an account, as the FDI's own `GET /passwordless/email/exists` does for any address;
 * an address as written (every real one) costs no lookup, so its answer and timing are unchanged.
 */
import type { EngineContext } from "../context";
import { isAddressDeliveredAsWritten } from "../organizations/email-domains";
import { MESSAGE } from "../wire-codes";
import type { Contact } from "./contact";

/** The refusal of a new account under such an address, as a passkey sign-up answers it. */
export const NEW_ADDRESS_REFUSED = { status: "SIGN_IN_UP_NOT_ALLOWED", reason: MESSAGE.EMAIL_INVALID } as const;

/** Whether `contact` is an address no new account may be made for. A phone number never is. */
export function isRefusedForNewAccount(contact: Contact): boolean {
  return "email" in contact && !isAddressDeliveredAsWritten(contact.email);
}

/**
 * Whether a code may be sent to `contact`: true unless it is such an address and no user holds it
 * (as a passwordless account, or as any user's address, which the sign-in then joins or refuses
 * as for any address: sign-in-up.ts).
 */
export async function maySendCodeTo(ctx: EngineContext, contact: Contact): Promise<boolean> {
  if (!("email" in contact) || isAddressDeliveredAsWritten(contact.email)) return true;
  return hasAccount(ctx, contact);
}

/** Whether a user holds `contact`: as a passwordless account, or an email as any user's address. */
export async function hasAccount(ctx: EngineContext, contact: Contact): Promise<boolean> {
  if ((await ctx.stores.passwordless.findAccount(contact)) !== null) return true;
  return "email" in contact && (await ctx.stores.thirdParty.findUserByEmail(contact.email)) !== null;
}
