import type { ResolvedUiOptions, UiOptions } from "./config-ui";
import { GatehouseError } from "./errors";
import { safeRedirectPath } from "./safe-redirect";

export type { ResolvedUiOptions };

/** The defaults are the ones UiOptions documents (an empty locale counts as unset). */
export function resolveUiOptions(ui: UiOptions = {}): ResolvedUiOptions {
  return {
    theme: checkedTheme(ui.theme ?? "system"),
    defaultToSignUp: ui.defaultToSignUp ?? false,
    termsOfServiceUrl: ui.termsOfServiceUrl === undefined ? undefined : checkedLinkUrl("termsOfServiceUrl", ui.termsOfServiceUrl),
    privacyPolicyUrl: ui.privacyPolicyUrl === undefined ? undefined : checkedLinkUrl("privacyPolicyUrl", ui.privacyPolicyUrl),
    locale: ui.locale || undefined,
    afterSignInPath: checkedAfterSignInPath(ui.afterSignInPath ?? "/dashboard"),
    logoUrl: ui.logoUrl ? checkedLogoUrl(ui.logoUrl) : undefined,
  };
}

/** The CSS knows only these: any other value fell back to the browser's scheme, silently. */
function checkedTheme(theme: string): ResolvedUiOptions["theme"] {
  if (theme !== "system" && theme !== "light" && theme !== "dark") {
    throw new GatehouseError("CONFIG_INVALID", `ui.theme must be "system", "light" or "dark", got ${JSON.stringify(theme)}`);
  }
  return theme;
}

/** The CSP's img-src is 'self' data: (lib/security-headers.mjs), so any other logo would never load. */
function checkedLogoUrl(url: string): string {
  const onThisSite = url.startsWith("/") && !url.startsWith("//") && !url.startsWith("/\\");
  if (!onThisSite && !url.startsWith("data:image/")) {
    throw new GatehouseError("CONFIG_INVALID", `ui.logoUrl must be a path on this site, such as "/logo.svg", or a data:image/ URL, got "${url}"`);
  }
  return url;
}

/**
 * A legal link under the sign-up form: a path on this site or an http(s) URL. React renders a
 * `javascript:` href as one that throws and browsers open no `data:` page, so anything else was a
 * dead link on every sign-up page, found only by someone clicking it.
 */
function checkedLinkUrl(option: "termsOfServiceUrl" | "privacyPolicyUrl", url: string): string {
  const onThisSite = url.startsWith("/") && !url.startsWith("//") && !url.startsWith("/\\");
  if (!onThisSite && !/^https?:\/\/[^/\s]/i.test(url)) {
    throw new GatehouseError(
      "CONFIG_INVALID",
      `ui.${option} must be a path on this site, such as "/terms", or an http(s) URL, got ${JSON.stringify(url)}`,
    );
  }
  return url;
}

/** A path on this site, as the redirect rule reads it: anything else would be refused at every sign-in. */
function checkedAfterSignInPath(path: string): string {
  if (!path.startsWith("/") || safeRedirectPath(path, "") !== path) {
    throw new GatehouseError("CONFIG_INVALID", `ui.afterSignInPath must be a path on this site, such as "/dashboard", got "${path}"`);
  }
  return path;
}
