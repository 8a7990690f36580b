"use client";

import { signUpFields } from "../config/sign-up-fields";
import { AuthForm, type AuthFormProps } from "./auth-form";

/**
 * AuthForm with the app's sign-up fields. Validators are functions, which a server component
 * cannot hand to a client one, so this client module imports the same list the server config
 * uses (lib/config/sign-up-fields.ts).
 */
export function ConfiguredAuthForm(props: Omit<AuthFormProps, "signUpFields">) {
  return <AuthForm {...props} signUpFields={signUpFields} />;
}
