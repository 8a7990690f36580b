import { gatehouseFetch } from "../client/fetch";
import { en, type Messages } from "../i18n/en";
import { localiseServerMessage } from "../i18n/server-messages";
import { format } from "../i18n";
import { MESSAGE, STATUS } from "../auth/wire-codes";
import type { FDI_ERROR_MESSAGES } from "./client-messages";

/** What the built-in forms need from an FDI answer: the HTTP status and the JSON body. */
export interface FdiAnswer {
  httpStatus: number;
  body: { status?: string; message?: string; reason?: string; formFields?: { id: string; error: string }[]; isVerified?: boolean } | null;
}

/**
 * Calls the auth API through lib/client (so a re-minted session's front token is stored, and
 * an expired access token is refreshed once), with the FDI `rid` of the recipe.
 */
export async function callAuthApi(
  apiBasePath: string,
  path: string,
  options: { method?: "GET" | "POST"; rid: string; body?: unknown },
): Promise<FdiAnswer> {
  const method = options.method ?? "POST";
  const response = await gatehouseFetch(
    `${apiBasePath}${path}`,
    {
      method,
      headers: { rid: options.rid, ...(options.body !== undefined ? { "content-type": "application/json" } : {}) },
      body: options.body !== undefined ? JSON.stringify(options.body) : undefined,
    },
    { apiBasePath },
  );
  return { httpStatus: response.status, body: await response.json().catch(() => null) };
}

export const GENERAL_MESSAGE = en.general;

const NOT_ALLOWED = new Set(["SIGN_UP_NOT_ALLOWED", "SIGN_IN_NOT_ALLOWED", "SIGN_IN_UP_NOT_ALLOWED"]);

/** The message to show for an answer that is neither OK nor a field error, in the UI's language. */
export function messageOf(answer: FdiAnswer, t: Pick<Messages, (typeof FDI_ERROR_MESSAGES)[number]> = en): string {
  const { httpStatus, body } = answer;
  const refused = crossOriginMessage(answer, t);
  if (refused) return refused;
  if (httpStatus === 429 && body?.message) return localiseServerMessage(body.message, t);
  if (httpStatus === 503) return t.serviceUnavailable;
  if (body?.status === STATUS.GENERAL_ERROR && body.message) return localiseServerMessage(body.message, t);
  // A sign-up or sign-in the server refused says why (an organization's rules) and what to do.
  if (NOT_ALLOWED.has(body?.status ?? "") && typeof body?.reason === "string") return localiseServerMessage(body.reason, t);
  return t.general;
}

/**
 * The Origin check's 403, said so that someone can act on it: which address the page is open at,
 * and the setting that makes the server accept it. Undefined for any other answer.
 */
export function crossOriginMessage(answer: FdiAnswer, t: Pick<Messages, "crossOriginRefused"> = en, pageOrigin?: string): string | undefined {
  if (answer.httpStatus !== 403 || answer.body?.message !== MESSAGE.CROSS_ORIGIN_REFUSED) return undefined;
  return format(t.crossOriginRefused, { origin: pageOrigin ?? window.location.origin });
}
