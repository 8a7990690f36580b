import type { SignUpField } from "../auth/config";

/**
 * The example app's extra sign-up fields. In a module of their own because the validators run in
 * two places: the server's config (lib/config/index.ts) and the browser's form
 * (lib/ui/configured-auth-form.tsx) import this same list.
 *
 * Optional here so that the API examples in the docs (email and password only) keep working.
 */
export const signUpFields: SignUpField[] = [
  {
    id: "company",
    label: "Company",
    placeholder: "Acme Ltd",
    optional: true,
    autoComplete: "organization",
    validate: (value) => (value.trim().length < 2 || value.length > 100 ? "Use 2 to 100 characters" : undefined),
  },
];
