import type { ReactNode } from "react";

/**
 * The built-in providers' marks, drawn inline: no request to the provider (the pages' CSP loads
 * images from this site only) and no flash while one loads. Colours are attributes, not
 * `style`, which the CSP refuses. Marks in one colour follow the text (`currentColor`), so they
 * suit both themes. A provider not listed here (a custom OIDC one) gets its initial instead.
 */
const LOGOS: Record<string, { viewBox: string; paths: ReactNode }> = {
  google: {
    viewBox: "0 0 48 48",
    paths: (
      <>
        <path
          fill="#EA4335"
          d="M24 9.5c3.54 0 6.71 1.22 9.21 3.6l6.85-6.85C35.9 2.38 30.47 0 24 0 14.62 0 6.51 5.38 2.56 13.22l7.98 6.19C12.43 13.72 17.74 9.5 24 9.5z"
        />
        <path
          fill="#4285F4"
          d="M46.98 24.55c0-1.57-.15-3.09-.38-4.55H24v9.02h12.94c-.58 2.96-2.26 5.48-4.78 7.18l7.73 6c4.51-4.18 7.09-10.36 7.09-17.65z"
        />
        <path
          fill="#FBBC05"
          d="M10.53 28.59c-.48-1.45-.76-2.99-.76-4.59s.27-3.14.76-4.59l-7.98-6.19C.92 16.46 0 20.12 0 24c0 3.88.92 7.54 2.56 10.78l7.97-6.19z"
        />
        <path
          fill="#34A853"
          d="M24 48c6.48 0 11.93-2.13 15.89-5.81l-7.73-6c-2.15 1.45-4.92 2.3-8.16 2.3-6.26 0-11.57-4.22-13.47-9.91l-7.98 6.19C6.51 42.62 14.62 48 24 48z"
        />
      </>
    ),
  },
  github: {
    viewBox: "0 0 16 16",
    paths: (
      <path
        fill="currentColor"
        d="M8 0C3.58 0 0 3.58 0 8c0 3.54 2.29 6.53 5.47 7.59.4.07.55-.17.55-.38 0-.19-.01-.82-.01-1.49-2.01.37-2.53-.49-2.69-.94-.09-.23-.48-.94-.82-1.13-.28-.15-.68-.52-.01-.53.63-.01 1.08.58 1.23.82.72 1.21 1.87.87 2.33.66.07-.52.28-.87.51-1.07-1.78-.2-3.64-.89-3.64-3.95 0-.87.31-1.59.82-2.15-.08-.2-.36-1.02.08-2.12 0 0 .67-.21 2.2.82.64-.18 1.32-.27 2-.27.68 0 1.36.09 2 .27 1.53-1.04 2.2-.82 2.2-.82.44 1.1.16 1.92.08 2.12.51.56.82 1.27.82 2.15 0 3.07-1.87 3.75-3.65 3.95.29.25.54.73.54 1.48 0 1.07-.01 1.93-.01 2.2 0 .21.15.46.55.38A8.013 8.013 0 0 0 16 8c0-4.42-3.58-8-8-8z"
      />
    ),
  },
  microsoft: {
    viewBox: "0 0 21 21",
    paths: (
      <>
        <rect x="1" y="1" width="9" height="9" fill="#F25022" />
        <rect x="11" y="1" width="9" height="9" fill="#7FBA00" />
        <rect x="1" y="11" width="9" height="9" fill="#00A4EF" />
        <rect x="11" y="11" width="9" height="9" fill="#FFB900" />
      </>
    ),
  },
  facebook: {
    viewBox: "0 0 24 24",
    paths: (
      <>
        <circle cx="12" cy="12" r="12" fill="#1877F2" />
        <path
          fill="#FFFFFF"
          d="M13.4 24v-8.4h2.8l.5-3.3h-3.3v-2.1c0-.9.4-1.8 1.9-1.8h1.5V5.6s-1.4-.2-2.7-.2c-2.7 0-4.5 1.6-4.5 4.6v2.3H6.7v3.3h2.9V24h3.8z"
        />
      </>
    ),
  },
  twitter: {
    viewBox: "0 0 24 24",
    paths: (
      <path
        fill="currentColor"
        d="M18.24 2.25h3.31l-7.23 8.26 8.5 11.24h-6.65l-5.21-6.82-5.97 6.82H1.68l7.73-8.84L1.25 2.25h6.83l4.71 6.23 5.45-6.23zm-1.16 17.52h1.83L7.08 4.13H5.12l11.96 15.64z"
      />
    ),
  },
};

/** The provider's mark, or its initial in a circle; hidden from screen readers (the button says the name). */
export function ProviderLogo({ id, name }: { id: string; name: string }) {
  const logo = LOGOS[id];
  if (!logo) {
    return (
      <span className="gh-provider-logo gh-provider-initial" aria-hidden="true" data-testid="provider-initial">
        {name.trim().charAt(0).toUpperCase()}
      </span>
    );
  }
  return (
    <svg className="gh-provider-logo" viewBox={logo.viewBox} aria-hidden="true" focusable="false" data-testid="provider-logo">
      {logo.paths}
    </svg>
  );
}
