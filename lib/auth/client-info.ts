/**
 * Who sent the request, as lib/http worked it out once per request: the client's address by the
 * one rule (lib/http/client-address.ts: never an address the client chose itself), null when
 * unknown, and the user agent as sent. Limits count the client by it, and a new session stores it
 * (the user's session list).
 */
export interface ClientInfo {
  ip?: string | null;
  userAgent?: string | null;
}
