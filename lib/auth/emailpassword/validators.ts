import type { PasswordPolicy } from "../config";
import { MESSAGE } from "../wire-codes";

/** Longest address RFC 5321 allows through SMTP; anything longer cannot be a real mailbox. */
const MAX_EMAIL_LENGTH = 254;
// Deliberately modest: one @, a dotted domain, no spaces. Deliverability is proven by the
// verification email, not by a regular expression.
const EMAIL_PATTERN = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** An error message for the field, or undefined when the email is acceptable. */
export function validateEmail(email: string): string | undefined {
  const normalised = normaliseEmail(email);
  if (normalised.length === 0) return MESSAGE.FIELD_NOT_OPTIONAL;
  if (normalised.length > MAX_EMAIL_LENGTH || !EMAIL_PATTERN.test(normalised)) return MESSAGE.EMAIL_INVALID;
  return undefined;
}

export function validatePassword(password: string, policy: Required<PasswordPolicy>): string | undefined {
  if (password.length === 0) return MESSAGE.FIELD_NOT_OPTIONAL;
  if (password.length < policy.minLength) return `Password must contain at least ${policy.minLength} characters`;
  // Refused, never truncated: a silently shortened password is weaker than the user believes.
  if (password.length > policy.maxLength) return `Password must contain at most ${policy.maxLength} characters`;
  if (policy.requireLetter && !/\p{L}/u.test(password)) return "Password must contain at least one alphabet";
  if (policy.requireDigit && !/\p{Nd}/u.test(password)) return "Password must contain at least one number";
  return undefined;
}
