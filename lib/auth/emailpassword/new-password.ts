import { commonPasswordError } from "./common-passwords";
import { checkPasswordRules, type NewCredentialRules } from "./credential-checks";

/**
 * The server's one check of a new password (sign-up, reset, change, the admin API): the policy or
 * the deployer's replacement, then the common-password list. Every entry point that sets a
 * password calls this, so a new one cannot set a password while forgetting the list. The browser
 * runs only `checkPasswordRules`: the list stays on the server.
 */
export async function checkNewPassword(rules: NewCredentialRules, password: string): Promise<string | undefined> {
  return checkPasswordRules(rules, password) ?? (await commonPasswordError(rules.passwordPolicy, password));
}
