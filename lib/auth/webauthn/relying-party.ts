/**
 * Who passkeys are for: the relying party's id (the domain a passkey is bound to), its name, and
 * the origins whose pages may use them. Computed from the resolved config (app origin,
 * `trustedOrigins`, `webauthn.rpId`), per request only in development, where the HTTP layer may
 * pass the loopback origin `next dev` was opened at (lib/http/dev-origin.ts).
 */
import type { ResolvedConfig } from "../config";

export interface RelyingParty {
  id: string;
  name: string;
  /** Origins a ceremony may come from; the browser signs the one it was on. */
  origins: string[];
}

/** Whether `origin`'s host is the rp id or under it: only such origins can use its passkeys. */
function withinRpId(origin: string, rpId: string): boolean {
  const host = new URL(origin).hostname;
  return host === rpId || host.endsWith(`.${rpId}`);
}

export function relyingPartyFor(config: ResolvedConfig, devLoopbackOrigin?: string): RelyingParty {
  const name = config.webauthn.rpName;
  if (devLoopbackOrigin !== undefined) return { id: new URL(devLoopbackOrigin).hostname, name, origins: [devLoopbackOrigin] };
  const id = config.webauthn.rpId ?? new URL(config.appOrigin).hostname;
  // A trusted origin on another domain (allowed for redirects) can never use these passkeys:
  // the browser refuses it by the rp id. It is left out rather than refused at start-up.
  const origins = [config.appOrigin, ...config.trustedOrigins].filter((origin) => withinRpId(origin, id));
  return { id, name, origins: [...new Set(origins)] };
}
