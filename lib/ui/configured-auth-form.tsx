"use client";

import { signUpFields } from "../config/sign-up-fields";
import { credentialValidators } from "../config/validators";
import { AuthForm, type AuthFormProps } from "./auth-form";

/**
 * AuthForm with the app's sign-up fields and email/password validators. Validators are
 * functions, which a server component cannot hand to a client one, so this client module
 * imports the same modules the server config uses (lib/config/sign-up-fields.ts and
 * lib/config/validators.ts). The password policy is plain data: the page passes it.
 */
export function ConfiguredAuthForm(props: Omit<AuthFormProps, "signUpFields" | "validators">) {
  return <AuthForm {...props} signUpFields={signUpFields} validators={credentialValidators} />;
}
