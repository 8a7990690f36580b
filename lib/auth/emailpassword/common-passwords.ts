/**
 * The check of a new password against the 10,000 most common passwords (issue 9, item 3):
 * credential stuffing and spraying try exactly these first, and argon2id does not slow an
 * attacker who guesses right on the first try. Server-only: the list never reaches the browser.
 */
import { MESSAGE } from "../wire-codes";

let loading: Promise<ReadonlySet<string>> | undefined;

/**
 * The list as a set, built on first use: the 77 KB module is imported only when a new password is
 * checked, so cold starts of every other route (verification, refresh) do not pay for it.
 */
function commonPasswords(): Promise<ReadonlySet<string>> {
  loading ??= import("./common-passwords-data")
    .then(({ COMMON_PASSWORDS }) => new Set(COMMON_PASSWORDS.split("\n").filter((line) => line.length > 0)))
    .catch((error: unknown) => {
      loading = undefined; // a failed load is retried by the next check rather than remembered
      throw error;
    });
  return loading;
}

/**
 * True when the password, lowercased, is one of the shipped common passwords, as typed or in
 * NFKC: "ｐａｓｓｗｏｒｄ１" (full-width, as an East Asian input method types it) is "password1" to
 * a guesser's first mangling of the list, though its hash (NFC) is another password's.
 */
export async function isCommonPassword(password: string): Promise<boolean> {
  const list = await commonPasswords();
  return list.has(password.toLowerCase()) || list.has(password.normalize("NFKC").toLowerCase());
}

/**
 * The error for a new password that is on the list, or undefined. Runs after the policy and any
 * replacement validator (emailPassword.validators.password), which cannot switch it off: only
 * `passwordPolicy.rejectCommonPasswords: false` does.
 */
export async function commonPasswordError(policy: { rejectCommonPasswords: boolean }, password: string): Promise<string | undefined> {
  if (!policy.rejectCommonPasswords) return undefined;
  return (await isCommonPassword(password)) ? MESSAGE.COMMON_PASSWORD : undefined;
}
