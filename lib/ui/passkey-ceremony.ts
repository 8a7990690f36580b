/**
 * The browser half of a passkey ceremony for the built-in UI: options from the auth API,
 * @simplewebauthn/browser talks to the authenticator, the result goes back to the API.
 */
import { startAuthentication, startRegistration, WebAuthnError } from "@simplewebauthn/browser";
import type { PublicKeyCredentialCreationOptionsJSON, PublicKeyCredentialRequestOptionsJSON } from "@simplewebauthn/browser";
import { callAuthApi, type FdiAnswer } from "./fdi-post";

const RID = "webauthn";

/**
 * A ceremony's outcome: the API's answer, or the authenticator's refusal (the user cancelled, or
 * no passkey). `alreadyOnDevice`: the authenticator holds one of the passkeys the options exclude
 * (the account's own, when a signed-in user adds one), so it made no second.
 */
export type CeremonyOutcome = { answer: FdiAnswer } | { cancelled: true; alreadyOnDevice?: boolean };

type OptionsBody = { status?: string; webauthnGeneratedOptionsId?: string };

/**
 * Signs in with a passkey. With `autofill`, the browser offers passkeys in the autofill list of
 * the input marked `autocomplete="… webauthn"` (conditional mediation) and this waits for a pick.
 *
 * `mayStart` is asked once the options are back, just before the browser is: starting a
 * ceremony aborts the one in progress, so an autofill whose options came back late would cancel
 * a passkey the person had meanwhile asked for by a click ("cancelled" then, the click's goes on).
 */
export async function signInWithPasskey(
  apiBasePath: string,
  options: { autofill?: boolean; mayStart?: () => boolean } = {},
): Promise<CeremonyOutcome> {
  const started = await callAuthApi(apiBasePath, "/webauthn/options/signin", { rid: RID, body: {} });
  const body = started.body as (FdiAnswer["body"] & OptionsBody) | null;
  if (body?.status !== "OK" || !body.webauthnGeneratedOptionsId) return { answer: started };
  if (options.mayStart && !options.mayStart()) return { cancelled: true };
  let credential;
  try {
    credential = await startAuthentication({
      optionsJSON: body as unknown as PublicKeyCredentialRequestOptionsJSON,
      useBrowserAutofill: options.autofill === true,
    });
  } catch {
    return { cancelled: true };
  }
  const answer = await callAuthApi(apiBasePath, "/webauthn/signin", {
    rid: RID,
    body: { webauthnGeneratedOptionsId: body.webauthnGeneratedOptionsId, credential },
  });
  return { answer };
}

/**
 * Makes a passkey: options from `/webauthn/options/register` with `optionsBody` (an email, or a
 * recovery token), then the result posted to `finishPath` with `finishBody` beside it; both under
 * `tenantSegment` ("/<tenantId>", or "" for the public tenant).
 */
export async function registerPasskey(
  apiBasePath: string,
  optionsBody: { email: string } | { recoverAccountToken: string },
  finishPath: string,
  finishBody: Record<string, unknown> = {},
  tenantSegment = "",
): Promise<CeremonyOutcome> {
  const started = await callAuthApi(apiBasePath, `${tenantSegment}/webauthn/options/register`, { rid: RID, body: optionsBody });
  const body = started.body as (FdiAnswer["body"] & OptionsBody) | null;
  if (body?.status !== "OK" || !body.webauthnGeneratedOptionsId) return { answer: started };
  let credential;
  try {
    credential = await startRegistration({ optionsJSON: body as unknown as PublicKeyCredentialCreationOptionsJSON });
  } catch (error) {
    return { cancelled: true, alreadyOnDevice: error instanceof WebAuthnError && error.code === "ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED" };
  }
  const answer = await callAuthApi(apiBasePath, `${tenantSegment}${finishPath}`, {
    rid: RID,
    body: { ...finishBody, webauthnGeneratedOptionsId: body.webauthnGeneratedOptionsId, credential },
  });
  return { answer };
}
