/**
 * The two halves of a redirect sign-in, for both ways of driving it:
 * - the FDI flow (supertokens-web-js): the client keeps state and the PKCE verifier; the nonce
 *   is derived from the verifier (flow-secrets.ts);
 * - the built-in UI: state, verifier, nonce and the return path travel in a sealed cookie
 *   (lib/http/third-party-state-cookie.ts), and each is checked on return.
 */
import type { EngineContext } from "../context";
import type { ClientInfo } from "../client-info";
import { nonceForVerifier } from "./flow-secrets";
import { loadOpenIdClient } from "./openid-client-loader";
import { buildAuthorisationUrl, signInWithCode, signInWithTokens, type CodeGrant } from "./oauth-client";
import { ProviderError, type ProviderErrorCode } from "./provider-error";
import type { ResolvedProvider } from "./providers";
import { signInUpWithProfile, type SignInUpWithProfileResult } from "./sign-in-up";
import { logAuthEvent } from "../log";
import { limitClient } from "../limits/client-limits";
import type { TooManyAttempts } from "../limits/rate-limit";
import type { Tenant } from "../organizations/tenants";

export type ThirdPartySignInUpResult =
  SignInUpWithProfileResult | { status: "PROVIDER_ERROR"; code: ProviderErrorCode; message: string } | TooManyAttempts;

/** GET /authorisationurl: the URL to send the browser to, and the verifier the client must keep. */
export async function getAuthorisationUrlForClient(
  ctx: EngineContext,
  provider: ResolvedProvider,
  redirectUri: string,
): Promise<
  { status: "OK"; urlWithQueryParams: string; pkceCodeVerifier: string } | { status: "PROVIDER_ERROR"; code: ProviderErrorCode; message: string }
> {
  const pkceCodeVerifier = (await loadOpenIdClient()).randomPKCECodeVerifier();
  try {
    const nonce = nonceForVerifier(ctx.keys, pkceCodeVerifier);
    // No `state`: supertokens-web-js appends its own and checks it on return.
    const urlWithQueryParams = await buildAuthorisationUrl(ctx, provider, { redirectUri, pkceCodeVerifier, nonce });
    return { status: "OK", urlWithQueryParams, pkceCodeVerifier };
  } catch (error) {
    return providerFailure(ctx, provider, error);
  }
}

/** What the built-in UI keeps in its sealed cookie between the redirect out and the callback. */
export interface BuiltInFlowSecrets {
  state: string;
  pkceCodeVerifier: string;
  nonce: string;
}

export async function startBuiltInSignIn(
  ctx: EngineContext,
  provider: ResolvedProvider,
  redirectUri: string,
): Promise<{ status: "OK"; url: string; secrets: BuiltInFlowSecrets } | { status: "PROVIDER_ERROR"; code: ProviderErrorCode; message: string }> {
  const oidc = await loadOpenIdClient();
  const secrets = { state: oidc.randomState(), pkceCodeVerifier: oidc.randomPKCECodeVerifier(), nonce: oidc.randomNonce() };
  try {
    return { status: "OK", url: await buildAuthorisationUrl(ctx, provider, { redirectUri, ...secrets }), secrets };
  } catch (error) {
    return providerFailure(ctx, provider, error);
  }
}

export type ThirdPartyGrant =
  /** FDI: the client's verifier; state was the client's to check. */
  | { type: "client-code"; redirectUri: string; callbackParams: Record<string, string>; pkceCodeVerifier: string }
  /** Built-in UI: everything from the sealed cookie; the caller has matched the provider id. */
  | { type: "built-in-code"; redirectUri: string; callbackParams: Record<string, string>; secrets: BuiltInFlowSecrets }
  /** FDI `oAuthTokens`: tokens the client obtained itself. */
  | { type: "tokens"; tokens: { id_token?: string; access_token?: string } };

/** POST /signinup: the provider side, then the account side. Nothing is written unless the provider side passed. */
export async function thirdPartySignInUp(
  ctx: EngineContext,
  /** `provider`: as the tenant uses it (its own client id: thirdparty/tenant-providers.ts); `tenant` absent: the public tenant. */
  input: { provider: ResolvedProvider; grant: ThirdPartyGrant; client?: ClientInfo; tenant?: Tenant },
): Promise<ThirdPartySignInUpResult> {
  // Counted with the other sign-ins (signInPerIp) before the provider is asked: each attempt
  // costs a request to it under the app's credentials, and a failed one an audit row.
  const limited = await limitClient(ctx, "signInPerIp", input.client);
  if (limited) return limited;
  const { provider, grant } = input;
  let signedIn;
  try {
    if (grant.type === "tokens") {
      signedIn = await signInWithTokens(ctx, provider, grant.tokens);
    } else {
      const code: CodeGrant =
        grant.type === "client-code"
          ? { ...grant, expectedState: null, expectedNonce: nonceForVerifier(ctx.keys, grant.pkceCodeVerifier) }
          : {
              redirectUri: grant.redirectUri,
              callbackParams: grant.callbackParams,
              pkceCodeVerifier: grant.secrets.pkceCodeVerifier,
              expectedState: grant.secrets.state,
              expectedNonce: grant.secrets.nonce,
            };
      signedIn = await signInWithCode(ctx, provider, code);
    }
  } catch (error) {
    return providerFailure(ctx, provider, error);
  }
  return signInUpWithProfile(ctx, { thirdPartyId: provider.id, ...signedIn, request: input.client, tenant: input.tenant });
}

function providerFailure(ctx: EngineContext, provider: ResolvedProvider, error: unknown) {
  const failure =
    error instanceof ProviderError ? error : new ProviderError("PROVIDER_UNREACHABLE", `Signing in with ${provider.name} failed.`, { cause: error });
  // A failed sign-in, as a security event (log line and audit row), with the failure's code.
  logAuthEvent(ctx, "auth.signin_failed", { method: "thirdparty", reason: failure.code }, "warn");
  // The cause (library message, provider answer) is for operators only: the log, not the audit
  // table nor the user, who gets `message`.
  const cause = failure.cause instanceof Error ? ` (${(failure.cause.cause as Error | undefined)?.message ?? failure.cause.message})` : "";
  ctx.log.warn(
    { event: "thirdparty.provider_failed", thirdPartyId: provider.id, code: failure.code, detail: `${failure.message}${cause}` },
    "thirdparty.provider_failed",
  );
  return { status: "PROVIDER_ERROR" as const, code: failure.code, message: failure.message };
}
