/**
 * The texts of the provider callback page when no sign-in is in progress. Its URL is anyone's to
 * write (`/auth/callback/<id>?error=…&error_description=…`), and a link to it shows our domain,
 * so nothing from it is echoed as prose: a provider's `error` is shown only when it is one of the
 * codes the specifications define, its free-text `error_description` never, and the path's
 * provider id only when it is a plain identifier.
 */
import { format } from "../i18n";
import type { Messages } from "../i18n/en";

/** RFC 6749 §4.1.2.1 and OpenID Connect Core §3.1.2.6: what an authorisation endpoint may answer. */
const PROVIDER_ERROR_CODES = new Set([
  "invalid_request",
  "unauthorized_client",
  "access_denied",
  "unsupported_response_type",
  "invalid_scope",
  "server_error",
  "temporarily_unavailable",
  "interaction_required",
  "login_required",
  "account_selection_required",
  "consent_required",
  "invalid_request_uri",
  "invalid_request_object",
  "request_not_supported",
  "request_uri_not_supported",
  "registration_not_supported",
]);

/** What a provider id looks like: one word, no spaces, short. Anything else is shown elided. */
const PLAIN_ID = /^[A-Za-z0-9._-]{1,64}$/;

type CallbackTexts = Pick<Messages, "providerRefused" | "noSignInInProgress" | "providerFailed" | "unknownProviderBody">;

/** The card's message for a callback without a sign-in in progress: a provider refusal (by its code) or "start again". */
export function noSignInMessage(t: CallbackTexts, providerName: string, error: string | null): string {
  if (error === null || error === "") return format(t.noSignInInProgress, { provider: providerName });
  return PROVIDER_ERROR_CODES.has(error) ? format(t.providerRefused, { provider: providerName, error }) : t.providerFailed;
}

/** The card's message for a provider id that is not configured (the raw path segment, decoded or not). */
export function unknownProviderMessage(t: CallbackTexts, id: string): string {
  return format(t.unknownProviderBody, { id: PLAIN_ID.test(id) ? id : "\u2026" });
}

/** The path segment decoded, or as it came when it is not valid percent-encoding (no provider has such an id). */
export function decodeProviderSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
