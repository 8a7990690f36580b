/** Access-token options of `session` in the deployer's config (SessionOptions extends this). */
export interface AccessTokenAudienceOptions {
  /**
   * The `aud` claim of every access token, which verification pins: a token without it or with
   * another value is never accepted. It gets "try refresh token" (like a token signed by a
   * retired key), so sessions from before an upgrade or a change of this value are renewed by
   * the next refresh, not signed out. Set it when other services verify Gatehouse's tokens
   * through the JWKS endpoint and should check that a token was meant for this app.
   * @default the app origin (`appOrigin`, env `GATEHOUSE_APP_ORIGIN`), e.g. "https://app.example.com"
   * @example accessTokenAudience: "https://api.acme.example"
   */
  accessTokenAudience?: string;
}
