/*
 * The checks of an email or password value, pure so that the browser's forms run exactly what the
 * server runs: the built-in ones, and the choice between them and the deployer's replacements.
 */
import type { PasswordPolicy } from "../config";
import type { EmailPasswordValidators } from "../config-email-password-validators";
import { MESSAGE } from "../wire-codes";
import { isLowerCasedAsIdnaReadsIt, unicodeFormOfDomain } from "./domain-unicode-form";

/** Longest address RFC 5321 allows through SMTP; anything longer cannot be a real mailbox. */
const MAX_EMAIL_LENGTH = 254;
// Deliberately modest: one @, a dotted domain, no spaces and no control characters (no mailbox
// has them, and a NUL cannot even be stored on PostgreSQL). Deliverability is proven by the
// verification email, not by a regular expression.
const EMAIL_PATTERN = /^[^\s@\p{Cc}]+@[^\s@.\p{Cc}]+(\.[^\s@.\p{Cc}]+)+$/u;

/**
 * The one form in which an address (or an email domain) is stored, looked up and compared:
 * trimmed, lower-cased and in Unicode NFC, the address's domain in its Unicode form.
 * - "josé" typed precomposed (U+00E9) and decomposed ("e" + U+0301, as some systems paste it) is
 *   one mailbox to a mail system (RFC 6532 asks for NFC), so it is one address here. NFC comes
 *   after lower-casing, which can decompose (U+0130).
 * - `jose@bücher.example` and `jose@xn--bcher-kva.example` (the domain as DNS carries it) are one
 *   mailbox too: the domain is kept as IDNA round-trips it to Unicode, the form users type and
 *   read (unicodeFormOfDomain). A domain IDNA cannot read, or maps to another, stays as written;
 *   so does one that lower-casing would make another domain (`ẞ`, a word-final `Σ`), not lower-cased.
 *   The local part is the mailbox's own business and is left alone; so is a value without `@`.
 */
export function normaliseEmail(email: string): string {
  const address = email.trim().toLowerCase().normalize("NFC");
  const at = address.lastIndexOf("@");
  if (at < 0) return address;
  const domain = address.slice(at + 1);
  // A domain that lower-casing would make another DNS name (`STRAẞE.example` is strasse.example's,
  // straße.example someone else's) is kept as typed: never another mailbox's address, and refused
  // for a new account as IDNA's other twins are (isAddressDeliveredAsWritten).
  const typed = email.trim().normalize("NFC");
  const typedDomain = typed.slice(typed.lastIndexOf("@") + 1);
  return `${address.slice(0, at + 1)}${isLowerCasedAsIdnaReadsIt(typedDomain, domain) ? unicodeFormOfDomain(domain) : typedDomain}`;
}

/** An error message for the field, or undefined when the email is acceptable. */
export function validateEmail(email: string): string | undefined {
  const normalised = normaliseEmail(email);
  if (normalised.length === 0) return MESSAGE.FIELD_NOT_OPTIONAL;
  if (normalised.length > MAX_EMAIL_LENGTH || !EMAIL_PATTERN.test(normalised)) return MESSAGE.EMAIL_INVALID;
  return undefined;
}

/**
 * Lengths count characters as NIST SP 800-63B does: the code points of the NFC form, the one that
 * is hashed. UTF-16 units counted four emoji as eight characters, and a decomposed "é" as two.
 */
export function validatePassword(password: string, policy: Required<PasswordPolicy>): string | undefined {
  if (password.length === 0) return MESSAGE.FIELD_NOT_OPTIONAL;
  const length = [...password.normalize("NFC")].length;
  if (length < policy.minLength) return `Password must contain at least ${policy.minLength} characters`;
  // Refused, never truncated: a silently shortened password is weaker than the user believes.
  if (length > policy.maxLength) return `Password must contain at most ${policy.maxLength} characters`;
  if (policy.requireLetter && !/\p{L}/u.test(password)) return "Password must contain at least one alphabet";
  if (policy.requireDigit && !/\p{Nd}/u.test(password)) return "Password must contain at least one number";
  return undefined;
}

/** What the checks of a new email or password depend on: the same on the server and in the browser. */
export interface NewCredentialRules {
  passwordPolicy: Required<PasswordPolicy>;
  validators?: EmailPasswordValidators;
}

/**
 * The email check of a new account or a changed email: the deployer's replacement when set,
 * else the built-in one. Pure, so the browser's forms run exactly what the server runs.
 */
export function checkNewEmail(rules: Pick<NewCredentialRules, "validators">, email: string): string | undefined {
  // An empty value is refused whatever a replacement says: the FDI has no account without one.
  if (email.trim() === "") return MESSAGE.FIELD_NOT_OPTIONAL;
  const custom = rules.validators?.email;
  return custom ? custom(email, validateEmail) : validateEmail(email);
}

/**
 * The check of the address of an account that may exist already (sign-in, the reset request,
 * the email-exists query): the built-in syntax check, which a stricter replacement does not
 * tighten (it must not lock an existing account out), and which a looser one widens to what it
 * takes for a new account (an address signed up must be one its owner can sign in with).
 */
export function checkExistingEmail(rules: Pick<NewCredentialRules, "validators">, email: string): string | undefined {
  const builtIn = validateEmail(email);
  if (builtIn === undefined || !rules.validators?.email) return builtIn;
  return checkNewEmail(rules, email) === undefined ? undefined : builtIn;
}

/**
 * The rules a new password must meet: the deployer's replacement when set, else the policy's.
 * Pure, so the browser's forms run it too; the server's full check (with the common-password
 * list) is `checkNewPassword` in new-password.ts.
 */
export function checkPasswordRules(rules: NewCredentialRules, password: string): string | undefined {
  if (password === "") return MESSAGE.FIELD_NOT_OPTIONAL;
  const builtIn = (value: string) => validatePassword(value, rules.passwordPolicy);
  const custom = rules.validators?.password;
  return custom ? custom(password, builtIn) : builtIn(password);
}
