/** One value's check: an error message to show beside the field, or undefined when it is fine. */
export type ValueCheck = (value: string) => string | undefined;

/**
 * A deployer's replacement for a built-in check. It receives the built-in check too, so that it
 * can add a rule to it (`builtIn(value) ?? myRule(value)`) or drop it altogether.
 *
 * It runs on the server, which decides (a failing check answers `FIELD_ERROR` for the field), and
 * in the browser's built-in forms as the user types, so keep it pure and synchronous: no secrets,
 * no server imports (put it in a module of its own, like lib/config/validators.ts).
 */
export type ReplacementCheck = (value: string, builtIn: ValueCheck) => string | undefined;

/** `emailPassword.validators`: replace the built-in email and password checks. */
export interface EmailPasswordValidators {
  /**
   * Checks the email of a new account (sign-up, the admin API's create user) and a changed
   * email. Sign-in and the reset request keep the built-in syntax check, so a stricter rule
   * never locks out an account that exists already; what a looser rule takes, they take too.
   * @default the built-in check (one `@`, a dotted domain, at most 254 characters)
   * @example email: (email, builtIn) => builtIn(email) ?? (email.endsWith("@acme.example") ? undefined : "Use your Acme address")
   */
  email?: ReplacementCheck;
  /**
   * Checks a new password: sign-up, reset, change password and the admin API's set password.
   * Sign-in only checks that a password was given.
   * @default the built-in check of `emailPassword.passwordPolicy`
   * @example password: (password, builtIn) => builtIn(password) ?? (/acme/i.test(password) ? "Leave the company's name out" : undefined)
   */
  password?: ReplacementCheck;
}
