/**
 * Keys for the third-party flow, derived from the app secret's key material so that they serve
 * no other purpose: one seals the built-in UI's state cookie, one derives FDI nonces.
 */
import { createHmac, hkdfSync, timingSafeEqual } from "node:crypto";
import type { DerivedKeys } from "../secret";

interface FlowKeys {
  /** iron-session password for the sealed state cookie (≥ 32 characters). */
  statePassword: string;
  nonceKey: Buffer;
}

const cache = new WeakMap<DerivedKeys, FlowKeys>();

export function flowKeys(keys: DerivedKeys): FlowKeys {
  let found = cache.get(keys);
  if (!found) {
    const derive = (label: string) => Buffer.from(hkdfSync("sha256", keys.sealPassword, "gatehouse-thirdparty", label, 32));
    found = { statePassword: derive("state-cookie").toString("hex"), nonceKey: derive("fdi-nonce") };
    cache.set(keys, found);
  }
  return found;
}

/**
 * The FDI flow keeps no server state between GET /authorisationurl and POST /signinup: the
 * client holds the PKCE verifier. The nonce is derived from that verifier, so an ID token is
 * accepted only together with the verifier of the flow that asked for it (OIDC Core §3.1.2.1:
 * the nonce binds the token to the client session; a token replayed or injected from another
 * flow carries another nonce). Sent in the clear, it reveals nothing of the verifier.
 */
export function nonceForVerifier(keys: DerivedKeys, pkceCodeVerifier: string): string {
  return createHmac("sha256", flowKeys(keys).nonceKey).update(pkceCodeVerifier).digest("base64url");
}

/** Constant-time string comparison for state values. */
export function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
