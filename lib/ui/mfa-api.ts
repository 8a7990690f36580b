import { gatehouseFetch } from "../client/fetch";

/** An MFA endpoint's answer: the HTTP status and the JSON body. */
export interface MfaAnswer {
  httpStatus: number;
  body: Record<string, unknown> | null;
}

/** Calls an MFA endpoint through lib/client, so the re-minted session (fresh st-mfa claim) is kept. */
export async function callMfaApi(apiBasePath: string, path: string, body?: unknown, method = "POST"): Promise<MfaAnswer> {
  const response = await gatehouseFetch(
    `${apiBasePath}${path}`,
    {
      method,
      headers: { rid: path.startsWith("/totp") ? "totp" : "multifactorauth", ...(body !== undefined ? { "content-type": "application/json" } : {}) },
      body: body !== undefined ? JSON.stringify(body) : undefined,
    },
    { apiBasePath },
  );
  return { httpStatus: response.status, body: await response.json().catch(() => null) };
}

/** A 403 on the `st-mfa` claim (step-up): the path of the MFA page that comes back here, else null. */
export function stepUpPathFor(answer: MfaAnswer, websiteBasePath: string, returnTo: string): string | null {
  const errors = (answer.body?.claimValidationErrors as { id?: string }[] | undefined) ?? [];
  if (answer.httpStatus !== 403 || !errors.some((e) => e.id === "st-mfa")) return null;
  return stepUpPath(websiteBasePath, returnTo);
}

/** The MFA page asking for a recent code, which then goes back to `returnTo`. */
export function stepUpPath(websiteBasePath: string, returnTo: string): string {
  return `${websiteBasePath}/mfa?${new URLSearchParams({ redirectToPath: returnTo, stepUp: "totp" })}`;
}
