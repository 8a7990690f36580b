/**
 * The resolved provider: every built-in preset and every custom provider becomes one of these
 * at start-up (resolveThirdPartyConfig), so the sign-in code never looks at presets again.
 */
import type { ProfileMapper } from "./options";

export type ClientAuthentication =
  | { method: "client_secret_post" | "client_secret_basic"; secret: string }
  /** Apple: the secret is an ES256 JWT made fresh for each token request. */
  | { method: "apple_jwt"; teamId: string; keyId: string; privateKey: string };

export interface ResolvedProvider {
  /** The thirdPartyId: in URLs, in the FDI requests and in the database. */
  id: string;
  /** For the button: "Continue with <name>". */
  name: string;
  /** OIDC: discovery, a validated ID token, user-info. OAuth 2.0: explicit endpoints, no ID token. */
  kind: "oidc" | "oauth2";
  /** OIDC only. */
  issuer?: string;
  /** OAuth 2.0 only. */
  endpoints?: { authorization: string; token: string; userInfo: string };
  clientId: string;
  clientAuth: ClientAuthentication;
  scopes: string[];
  authorizationParams: Record<string, string>;
  /** Apple answers with a form POST, which goes to `{apiBasePath}/callback/apple` first. */
  formPost: boolean;
  mapProfile: ProfileMapper;
  /** Plain http, allowed for loopback providers only (local development and tests). */
  allowInsecureRequests: boolean;
  /** `oAuthTokens` (an ID token without a nonce from this server) accepted: an opt-in, see options.ts. */
  acceptIdTokenWithoutNonce: boolean;
}

export interface ResolvedThirdPartyConfig {
  /** Enabled providers only, in the order of the buttons. */
  providers: ResolvedProvider[];
  accountLinking: "off" | "verified-only";
  stateTtlSeconds: number;
  requestTimeoutSeconds: number;
}

export function findProvider(config: ResolvedThirdPartyConfig, thirdPartyId: string): ResolvedProvider | undefined {
  return config.providers.find((p) => p.id === thirdPartyId);
}
