export declare const TEST_CLIENT_ID: string;
export declare const TEST_CLIENT_SECRET: string;
export declare const OTHER_CLIENT_ID: string;
export declare const OTHER_CLIENT_SECRET: string;

export interface TestOidcProvider {
  /** `http://127.0.0.1:<port>`: the issuer, and the base of every endpoint. */
  issuer: string;
  port: number;
  clientId: string;
  clientSecret: string;
  /**
   * Rewrites claims of the next ID token the token endpoint issues, re-signed with the provider's
   * own key (default), a key that is not the provider's under its `kid` ("forged"), or HS256
   * under the client secret ("client-secret").
   */
  tamperNextIdToken(patch: Record<string, unknown>, signing?: "provider" | "forged" | "client-secret"): void;
  /** A validly signed ID token with these claims (iss, iat, exp filled in unless given). */
  issueIdToken(claims: Record<string, unknown>): Promise<string>;
  close(): Promise<void>;
}

export declare function startTestOidcProvider(options: { port?: number; host?: string; redirectUris: string[] }): Promise<TestOidcProvider>;
