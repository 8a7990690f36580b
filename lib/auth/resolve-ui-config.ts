import type { ResolvedUiOptions, UiOptions } from "./config-ui";

export type { ResolvedUiOptions };

/** The defaults are the ones UiOptions documents (an empty locale counts as unset). */
export function resolveUiOptions(ui: UiOptions = {}): ResolvedUiOptions {
  return {
    theme: ui.theme ?? "system",
    defaultToSignUp: ui.defaultToSignUp ?? false,
    termsOfServiceUrl: ui.termsOfServiceUrl,
    privacyPolicyUrl: ui.privacyPolicyUrl,
    locale: ui.locale || undefined,
  };
}
