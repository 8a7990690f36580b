import type { UiOptions } from "./config";

/** The built-in UI's options with every default filled: what pages read (`gatehouse().config.ui`). */
export interface ResolvedUiOptions {
  theme: NonNullable<UiOptions["theme"]>;
  defaultToSignUp: boolean;
  termsOfServiceUrl: string | undefined;
  privacyPolicyUrl: string | undefined;
  /** Undefined: the browser's Accept-Language decides (lib/ui/i18n's `pickLocale`). */
  locale: string | undefined;
}

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
