import type { EmailPasswordValidators } from "../auth/config-email-password-validators";

/**
 * The example app's replacement for the built-in password check: the built-in policy, plus a
 * rule of its own. In a module of its own because it runs in two places: the server's config
 * (lib/config/index.ts) and the browser's forms (lib/ui/configured-auth-form.tsx) import it.
 */
export const credentialValidators: EmailPasswordValidators = {
  password: (password, builtIn) => builtIn(password) ?? (/gatehouse/i.test(password) ? "Leave the app's name out of your password" : undefined),
};
