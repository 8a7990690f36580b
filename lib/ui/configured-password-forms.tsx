"use client";

import type { PasswordPolicy } from "../auth/config";
import { credentialValidators } from "../config/validators";
import { ChangePasswordForm, type ChangePasswordFormProps } from "./change-password-form";
import { ResetPassword, type ResetPasswordProps } from "./reset-password";

/**
 * The new-password forms with the app's password validator (lib/config/validators.ts, the module
 * the server config imports too), so the browser checks what the server will. A server page
 * passes the password policy, which is plain data.
 */
type WithPolicy<P> = Omit<P, "passwordRules"> & { passwordPolicy: Required<PasswordPolicy> };

export function ConfiguredResetPassword({ passwordPolicy, ...props }: WithPolicy<ResetPasswordProps>) {
  return <ResetPassword {...props} passwordRules={{ passwordPolicy, validators: credentialValidators }} />;
}

export function ConfiguredChangePasswordForm({ passwordPolicy, ...props }: WithPolicy<ChangePasswordFormProps>) {
  return <ChangePasswordForm {...props} passwordRules={{ passwordPolicy, validators: credentialValidators }} />;
}
