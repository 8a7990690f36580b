/** The built-in UI's options (`ui` in lib/config), and the same with every default filled. */

/** The built-in UI's look (see docs/ui.md, "Styling and themes"). */
export interface UiOptions {
  /**
   * `"system"` follows the browser's `prefers-color-scheme`; `"light"` or `"dark"` forces one
   * theme for everyone (it sets `data-gh-theme` on `<html>`).
   * @default "system"
   */
  theme?: "system" | "light" | "dark";
  /**
   * Open `{websiteBasePath}` on sign-up rather than sign-in; `?show=signin` still opens sign-in.
   * @default false
   */
  defaultToSignUp?: boolean;
  /** Linked under the sign-up button ("By signing up you agree to …"): a path on this site or an http(s) URL. @default none */
  termsOfServiceUrl?: string;
  /** Linked under the sign-up button: a path on this site or an http(s) URL. @default none */
  privacyPolicyUrl?: string;
  /**
   * The sign-in/up UI's language, one of lib/i18n's dictionaries ("en", "de"; another is refused
   * at start-up). Unset, it follows the browser's Accept-Language, falling back to English.
   * @default undefined (Accept-Language)
   * @example locale: "de"
   */
  locale?: string;
  /**
   * Where sign-in and sign-up land when the sign-in page was opened without `redirectToPath`.
   * A same-origin path. (An unsafe `redirectToPath` still lands on "/".)
   * @default "/dashboard"
   */
  afterSignInPath?: string;
  /**
   * The app's logo, shown with `appName` above the sign-in, sign-up, reset and verify cards. A
   * path on this site (`"/logo.svg"`, from `public/`) or a `data:image/…` URL: the pages'
   * Content-Security-Policy loads images from nowhere else.
   * @default undefined (the app name alone)
   * @example logoUrl: "/logo.svg"
   */
  logoUrl?: string;
}

/** The built-in UI's options with every default filled: what pages read (`gatehouse().config.ui`). */
export interface ResolvedUiOptions {
  theme: NonNullable<UiOptions["theme"]>;
  defaultToSignUp: boolean;
  termsOfServiceUrl: string | undefined;
  privacyPolicyUrl: string | undefined;
  /** Undefined: the browser's Accept-Language decides (lib/i18n's `pickLocale`). */
  locale: string | undefined;
  afterSignInPath: string;
  logoUrl: string | undefined;
}
