import { createHash } from "node:crypto";

/**
 * The key a shared rate-limit store keeps: the limit's name (readable) and a SHA-256 of the
 * whole counted key. It fits the `rate_limits` key column (VARCHAR(191): an email alone may be
 * 255 characters) at 64 + 1 + 43 characters at most, and no store holds emails, IP addresses or
 * whatever was typed into an email field.
 */
export function storedRateLimitKey(keyPrefix: string, rlKey: string): string {
  const digest = createHash("sha256").update(rlKey).digest("base64url");
  return `${keyPrefix.slice(0, 64)}:${digest}`;
}
