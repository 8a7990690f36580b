/**
 * A secret kept at rest in the database, sealed (iron-session, AES-256-CBC + HMAC) with a
 * password derived from GATEHOUSE_SECRET, so that a copy of the database alone yields none.
 * The seal carries what it belongs to (`boundTo`: its user, its organization and provider): a
 * sealed value copied onto another row does not open there. TOTP secrets and tenants' client
 * secrets are kept this way.
 */
import { sealData, unsealData } from "iron-session";

export async function sealBoundSecret(password: string, secret: string, boundTo: Record<string, string>): Promise<string> {
  return sealData({ secret, ...boundTo }, { password, ttl: 0 });
}

/** The secret, or null when the seal does not open (another app secret, another row, a changed value). */
export async function openBoundSecret(password: string, sealed: string, boundTo: Record<string, string>): Promise<string | null> {
  try {
    const data = await unsealData<Record<string, unknown>>(sealed, { password, ttl: 0 });
    const belongs = Object.entries(boundTo).every(([name, value]) => data[name] === value);
    return typeof data.secret === "string" && belongs ? data.secret : null;
  } catch {
    return null;
  }
}
