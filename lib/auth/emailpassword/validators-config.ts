import type { PasswordPolicy } from "../config";
import type { EmailPasswordValidators } from "../config-validators";
import { validateEmail, validatePassword } from "./validators";
import { MESSAGE } from "../wire-codes";

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
