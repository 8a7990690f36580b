/** The address or number a passwordless sign-in proves: checked and normalised once. */
import type { PasswordlessContactMethod } from "../config";
import { normaliseEmail, validateEmail } from "../emailpassword/credential-checks";

export type Contact = { email: string } | { phoneNumber: string };

/**
 * E.164 after removing the spaces, dots, dashes and brackets people type: "+", then 8 to 15
 * digits, the first not 0. Numbers without a country code are refused rather than guessed.
 * A bracketed "(0)" in an international number ("+49 (0)170 …") is the trunk prefix, dialled
 * only at home: kept, it would make another number of the same phone (+490170…), so another
 * account and a text message to nowhere.
 */
export function normalisePhoneNumber(input: string): string | null {
  const trimmed = input.trim();
  const international = /^(\+|00)/.test(trimmed);
  const compact = (international ? trimmed.replace(/\(\s*0\s*\)/, "") : trimmed).replace(/[\s.()-]/g, "");
  const withPlus = compact.startsWith("00") ? `+${compact.slice(2)}` : compact;
  return /^\+[1-9]\d{7,14}$/.test(withPlus) ? withPlus : null;
}

export type ParsedContact =
  | { status: "OK"; contact: Contact }
  /** The FDI answers a malformed address with GENERAL_ERROR and a message for the user. */
  | { status: "INVALID"; message: string }
  /** The config does not accept this kind of contact. */
  | { status: "NOT_ACCEPTED"; message: string };

export function parseContact(method: PasswordlessContactMethod, input: { email?: string; phoneNumber?: string }): ParsedContact {
  if (input.email !== undefined) {
    if (method === "PHONE") return { status: "NOT_ACCEPTED", message: "Sign-in by email is not enabled; please give a phone number" };
    const error = validateEmail(input.email);
    return error ? { status: "INVALID", message: error } : { status: "OK", contact: { email: normaliseEmail(input.email) } };
  }
  if (input.phoneNumber !== undefined) {
    if (method === "EMAIL") return { status: "NOT_ACCEPTED", message: "Sign-in by phone number is not enabled; please give an email" };
    const phoneNumber = normalisePhoneNumber(input.phoneNumber);
    return phoneNumber
      ? { status: "OK", contact: { phoneNumber } }
      : { status: "INVALID", message: "Phone number is invalid: please give it with its country code, e.g. +49 170 1234567" };
  }
  return { status: "NOT_ACCEPTED", message: "Please provide an email or a phone number" };
}

/** For rate-limit keys and logs' absence of PII alike: one string per contact. */
export function contactKey(contact: Contact): string {
  return "email" in contact ? `email:${contact.email}` : `phone:${contact.phoneNumber}`;
}
