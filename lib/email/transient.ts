/**
 * Which SMTP failures are worth another attempt. A 4xx reply is the server saying "not now"
 * (RFC 5321 §4.2.1: greylisting, a full queue, a rate limit); a refused, dropped or timed-out
 * connection may work a moment later. A 5xx reply (unknown mailbox, policy refusal), failed
 * authentication or a bad envelope will fail the same way again.
 */
const TRANSIENT_CODES = new Set(["ECONNECTION", "ETIMEDOUT", "ESOCKET", "EDNS", "ECONNREFUSED", "ECONNRESET", "EPIPE", "EAI_AGAIN"]);

export function isTransientSmtpError(error: unknown): boolean {
  if (typeof error !== "object" || error === null) return false;
  const { responseCode, code } = error as { responseCode?: unknown; code?: unknown };
  if (typeof responseCode === "number") return responseCode >= 400 && responseCode < 500;
  return typeof code === "string" && TRANSIENT_CODES.has(code);
}

/** Anything shaped like an email address (servers echo the recipient: "550 5.1.1 <a@b>: …"). */
const ADDRESS = /[^\s<>()[\]"',;:]+@[^\s<>()[\]"',;:]+/g;

/**
 * What may be logged about an SMTP error: its code and reply, never a credential nor an email
 * address (a refused or greylisted recipient's reply names it; docs/admin.md, "Logging").
 */
export function describeSmtpError(error: unknown): string {
  return replyOf(error).replace(ADDRESS, "[address]").slice(0, 300);
}

function replyOf(error: unknown): string {
  if (typeof error !== "object" || error === null) return String(error);
  const { code, responseCode, response, message } = error as Record<string, unknown>;
  const parts = [code, responseCode, typeof response === "string" ? response : message].filter((p) => p !== undefined && p !== "");
  return parts.map(String).join(" ");
}
