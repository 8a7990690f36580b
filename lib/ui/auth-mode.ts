import type { AuthMode } from "./auth-form";

/** Which form `/auth` opens: `?show=` wins, otherwise the config's `ui.defaultToSignUp`. */
export function initialAuthMode(show: string | null, defaultToSignUp: boolean): AuthMode {
  if (show === "signup") return "signup";
  if (show === "signin") return "signin";
  return defaultToSignUp ? "signup" : "signin";
}

/** The `{websiteBasePath}?…` link to the other form, keeping `redirectToPath`. */
export function switchAuthModeHref(websiteBasePath: string, current: AuthMode, defaultToSignUp: boolean, redirectToPath: string | null): string {
  const target: AuthMode = current === "signin" ? "signup" : "signin";
  const query = new URLSearchParams();
  // Name the target only when it is not what the bare URL opens anyway.
  if (target !== (defaultToSignUp ? "signup" : "signin")) query.set("show", target);
  if (redirectToPath) query.set("redirectToPath", redirectToPath);
  const text = query.toString();
  return text ? `${websiteBasePath}?${text}` : websiteBasePath;
}
