/**
 * Binding a secret to the tenant it was issued under (a reset or verification link, a
 * passwordless device or link code): the tenant id is part of what the stored hash is a hash
 * of, so the same secret presented under another tenant hashes to nothing stored and is refused
 * like an unknown one, without being spent. The public tenant adds nothing, so its hashes are
 * the ones stored before tenants existed and links already sent keep working.
 */
import { PUBLIC_TENANT_ID } from "./organization-names";

/** What is hashed for `secret` issued under `tenantId` (absent: the public tenant). */
export function tenantBoundSecret(tenantId: string | undefined, secret: string): string {
  // A newline is in no tenant id (a slug) and in no secret we issue (base64url, digits), so no
  // two issued pairs collide. A presented one is the client's text, though: "acme\n<token>"
  // under the public tenant was acme's token. With a newline in front, it is the bound form of
  // no pair (a slug is never empty), so it matches nothing, as any other unknown secret.
  if (secret.includes("\n")) return `\n${secret}`;
  return tenantId === undefined || tenantId === PUBLIC_TENANT_ID ? secret : `${tenantId}\n${secret}`;
}
