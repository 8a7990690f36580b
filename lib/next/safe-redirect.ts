/**
 * Keeps post-sign-in redirects on this site (open-redirect defence). Only a same-origin path is
 * accepted: `//evil.example`, `/\evil.example`, `https://…` and `javascript:` fall back to `/`.
 * Pure, so the browser and the server apply the very same rule.
 */
export function safeRedirectPath(value: string | null | undefined, fallback = "/"): string {
  if (!value || value.length > 2048) return fallback;
  if (!value.startsWith("/") || value.startsWith("//") || value.startsWith("/\\")) return fallback;
  if (/[\u0000-\u001f\u007f]/.test(value)) return fallback;
  const base = "http://gatehouse.invalid";
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base) return fallback;
  return `${url.pathname}${url.search}${url.hash}`;
}
