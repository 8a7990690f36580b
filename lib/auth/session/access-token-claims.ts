/**
 * The claims of a Gatehouse access token. Types only, importing nothing: the token module
 * (access-token.ts), the signing-key ring and its verified-token cache all use it, and
 * access-token.ts uses the ring.
 */
export interface AccessTokenClaims {
  sub: string;
  sessionHandle: string;
  iat: number;
  exp: number;
  iss: string;
  /** Absent only from tokens minted before the audience was pinned; those are never accepted. */
  aud?: string;
  [claim: string]: unknown;
}
