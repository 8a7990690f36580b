"use client";

import { NewPasswordForm } from "./new-password-form";
import { ResetPasswordRequestForm } from "./reset-password-request-form";

export interface ResetPasswordProps {
  /** The `token` query parameter of the emailed link; absent on the first step. */
  token: string | null;
  /** @default "/api/auth" */
  apiBasePath?: string;
  /** @default "/auth" */
  websiteBasePath?: string;
}

/**
 * The whole reset flow on one page, as `{websiteBasePath}/reset-password` renders it: the
 * request form, or with `?token=` the new-password form. Embeddable anywhere.
 */
export function ResetPassword({ token, apiBasePath = "/api/auth", websiteBasePath = "/auth" }: ResetPasswordProps) {
  return token ? (
    <NewPasswordForm token={token} apiBasePath={apiBasePath} signInPath={websiteBasePath} requestPath={`${websiteBasePath}/reset-password`} />
  ) : (
    <ResetPasswordRequestForm apiBasePath={apiBasePath} signInPath={websiteBasePath} />
  );
}
