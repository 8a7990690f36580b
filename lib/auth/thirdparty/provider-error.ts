/**
 * A provider-side failure, as an expected outcome: the provider is down, refused, or sent
 * something that fails validation. The sign-in stops with a clear message and no session;
 * nothing was written. The underlying error stays in the server log only.
 */
import { ProviderAnswerTooLarge } from "./capped-fetch";
import { loadedOpenIdClient } from "./openid-client-loader";
import { CodedError } from "../coded-error";
import { CODE } from "../wire-codes";

export type ProviderErrorCode =
  /** Unreachable, timed out, or answered with something that is not OAuth (5xx, HTML). */
  | "PROVIDER_UNREACHABLE"
  /** The provider redirected back with `error=` (the user cancelled, or it refused the request). */
  | "AUTHORISATION_DENIED"
  /** The token endpoint refused the code (invalid, expired, replayed, wrong PKCE verifier). */
  | "CODE_REJECTED"
  /** The ID token failed validation: signature, iss, aud, exp, nonce. */
  | "ID_TOKEN_INVALID"
  /** The built-in UI's state cookie is missing or expired: the sign-in was not started here, or already finished. */
  | "STATE_MISSING"
  /** The `state` returned does not match this browser's sign-in (login CSRF, or an old tab). */
  | "STATE_MISMATCH"
  /** The provider's profile has no usable id. */
  | "PROFILE_INVALID"
  /** `oAuthTokens` for a provider that has not opted in to ID tokens without a nonce from this server. */
  | typeof CODE.NONCE_REQUIRED
  /** The request cannot be served this way (e.g. oAuthTokens without an ID token). */
  | "UNSUPPORTED";

export class ProviderError extends CodedError<ProviderErrorCode> {
  constructor(code: ProviderErrorCode, message: string, options?: { cause?: unknown }) {
    super(code, message, options);
    this.name = "ProviderError";
  }
}

const describe = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Classifies whatever openid-client, jose or fetch threw. `provider` names it in the message. */
export function toProviderError(error: unknown, provider: string): ProviderError {
  if (error instanceof ProviderError) return error;
  // An openid-client error can only exist once a flow has loaded the module.
  const oidc = loadedOpenIdClient();
  if (oidc && error instanceof oidc.AuthorizationResponseError) {
    const detail = error.error_description ? `: ${error.error_description}` : "";
    return new ProviderError("AUTHORISATION_DENIED", `${provider} did not authorise the sign-in (${error.error}${detail}).`, { cause: error });
  }
  if (oidc && error instanceof oidc.ResponseBodyError) {
    const detail = error.error_description ? `: ${error.error_description}` : "";
    return new ProviderError("CODE_REJECTED", `${provider} rejected the sign-in (${error.error}${detail}). Please start again.`, { cause: error });
  }
  // A provider that does not answer within requestTimeoutSeconds (openid-client's OAUTH_TIMEOUT,
  // a body cut off by the timeout, jose's JWKS timeout) is unreachable, whichever request it was.
  if (timedOut(error))
    return new ProviderError("PROVIDER_UNREACHABLE", `${provider} did not answer in time. Please try again later.`, { cause: error });
  if (causedBy(error, (at) => at instanceof ProviderAnswerTooLarge)) {
    return new ProviderError("PROVIDER_UNREACHABLE", `${provider} answered unexpectedly. Please try again later.`, { cause: error });
  }
  if (oidc && error instanceof oidc.ClientError) {
    const cause = (error.cause as Error | undefined)?.message;
    // The answer was no OAuth answer at all: a status, a content type, or a body that is not a
    // JSON object with the fields the protocol requires (discovery, token, user-info alike). A
    // field with an unexpected value (user-info about another `sub`) is a validation failure.
    const malformed = (error.code === "OAUTH_PARSE_ERROR" || error.code === "OAUTH_INVALID_RESPONSE") && /"response" body/.test(cause ?? "");
    if (error.code === "OAUTH_RESPONSE_IS_NOT_CONFORM" || error.code === "OAUTH_RESPONSE_IS_NOT_JSON" || malformed) {
      return new ProviderError("PROVIDER_UNREACHABLE", `${provider} answered unexpectedly. Please try again later.`, { cause: error });
    }
    if (/state/.test(cause ?? "")) {
      return new ProviderError("STATE_MISMATCH", `The answer from ${provider} does not belong to this sign-in (${cause}). Please start again.`, {
        cause: error,
      });
    }
    return new ProviderError("ID_TOKEN_INVALID", `The identity token from ${provider} failed validation (${cause ?? error.message}).`, {
      cause: error,
    });
  }
  const name = (error as { name?: string; code?: string })?.name;
  if (error instanceof TypeError || name === "TimeoutError" || name === "AbortError") {
    return new ProviderError("PROVIDER_UNREACHABLE", `${provider} could not be reached. Please try again later.`, { cause: error });
  }
  const joseCode = (error as { code?: unknown })?.code;
  // jose (oAuthTokens path): the JWKS endpoint answered something that is not a key set.
  if (joseCode === "ERR_JWKS_INVALID" || joseCode === "ERR_JOSE_GENERIC") {
    return new ProviderError("PROVIDER_UNREACHABLE", `${provider} answered unexpectedly. Please try again later.`, { cause: error });
  }
  if (typeof joseCode === "string" && joseCode.startsWith("ERR_J")) {
    // jose (oAuthTokens path): JWTExpired, JWTClaimValidationFailed, JWSSignatureVerificationFailed, …
    return new ProviderError("ID_TOKEN_INVALID", `The identity token from ${provider} failed validation (${describe(error)}).`, { cause: error });
  }
  return new ProviderError("PROVIDER_UNREACHABLE", `Signing in with ${provider} failed (${describe(error)}).`, { cause: error });
}

/** Whether the error, or one it was caused by (libraries wrap what fetch threw), is one that `test` picks. */
function causedBy(error: unknown, test: (error: Error) => boolean): boolean {
  for (let at = error, depth = 0; at instanceof Error && depth < 5; at = at.cause, depth++) if (test(at)) return true;
  return false;
}

/** Whether the error, or one it was caused by, is a request timeout (AbortSignal.timeout). */
function timedOut(error: unknown): boolean {
  return causedBy(error, (at) => {
    const { name, code } = at as Error & { code?: unknown };
    return name === "TimeoutError" || code === "OAUTH_TIMEOUT" || code === "ERR_JWKS_TIMEOUT";
  });
}
