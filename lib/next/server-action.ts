import { headers } from "next/headers";
import type { ClaimValidationError } from "../auth/session/claim-validator";
import type { GetSessionResult, VerifiedSession } from "../auth/session/session";
import { gatehouse } from "../gatehouse";
import { isSameOrigin } from "../http/csrf";
import { getSession, sessionOrRedirect } from "./get-session";
import { redirectUnverifiedEmail, unverifiedEmailErrors } from "./verify-email-redirect";
import { incompleteMfaErrors, redirectIncompleteMfa } from "./mfa-redirect";

/**
 * What `getActionSession` answers: the session, or why there is none for an action. INVALID_CLAIM
 * is a session that has not met the app's rules yet (its second factor, a verified email in
 * REQUIRED mode), as withSession's 403 `invalid claim`: the user completes them first.
 */
export type ActionSessionResult = GetSessionResult | { status: "INVALID_CLAIM"; claimValidationErrors: ClaimValidationError[] };

/**
 * Reads the session inside a server action (`"use server"`), with our own Origin check on top
 * of Next's. A session that has not completed its second factor (MFA on), or whose email is
 * unverified in REQUIRED email-verification mode, is answered INVALID_CLAIM, as withSession
 * answers 403 `invalid claim`.
 *
 * Cross-site request forgery. A server action is a POST to the page's URL that carries the
 * session cookie, and a progressively enhanced `<form>` can be posted from any site, so an
 * action that changes state is a CSRF target. What stands in the way:
 * 1. SameSite=Lax on `sAccessToken`: browsers do not send it on a cross-site POST.
 * 2. Next.js itself (server/app-render/action-handler): it aborts an action whose `Origin` host
 *    differs from `Host` / `X-Forwarded-Host` (unless listed in `serverActions.allowedOrigins`),
 *    and accepts only POST. It lets a request *without* `Origin` through, with a warning, and it
 *    compares hosts only, not schemes.
 * 3. This function: the request must come from the configured `appOrigin` (or one of
 *    `trustedOrigins`) exactly, scheme, host and port: the same rule as our API's check
 *    (lib/http/csrf.ts `isSameOrigin`). Without an `Origin` header, `Sec-Fetch-Site` must not say
 *    cross-site. That covers what SameSite cannot: a sibling subdomain (same site, other origin),
 *    and a Host header rewritten by a proxy. (A trusted origin on another host must also be in
 *    Next's `serverActions.allowedOrigins`, or step 2 refuses it first.)
 * The FDI custom header (`rid`) and VIA_TOKEN's `anti-csrf` header cannot be used here: Next's
 * client sends neither. With `session.antiCsrf: "NONE"` step 3 is skipped, as for the API.
 *
 * An action must check the session itself even on a page that `requireSession` or proxy.ts
 * protects: an action is callable with any page's URL, by its id.
 */
export async function getActionSession(options: { checkDatabase?: boolean } = {}): Promise<ActionSessionResult> {
  const result = await sameOriginSession(options);
  if (result.status !== "OK") return result;
  // The rules withSession and requireActionSession apply: without them an action guarded by
  // this ran for a session that had only its first factor (a stolen password) or no verified email.
  const ctx = gatehouse();
  const failed = (await unverifiedEmailErrors(ctx, result.session, options)) ?? (await incompleteMfaErrors(ctx, result.session));
  return failed ? { status: "INVALID_CLAIM", claimValidationErrors: failed } : result;
}

/** The session of a request that passes the Origin check; the global claims are the callers' to ask. */
async function sameOriginSession(options: { checkDatabase?: boolean }): Promise<GetSessionResult> {
  const ctx = gatehouse();
  if (ctx.config.session.antiCsrf !== "NONE" && !isSameOrigin(ctx, await originHeadersOnly())) {
    return { status: "UNAUTHORISED" };
  }
  return getSession(options);
}

/**
 * The session in a server action, or a redirect (Next follows it in the browser): to the refresh
 * page when the access token expired, to sign-in without a session, to the verify-email page for
 * an unverified email in REQUIRED email-verification mode. The action is not replayed
 * afterwards; the user lands back on `redirectToPath` and submits again. Use `getActionSession`
 * to answer with a result instead.
 */
export async function requireActionSession(options: { redirectToPath: string; checkDatabase?: boolean }): Promise<VerifiedSession> {
  const session = sessionOrRedirect(await sameOriginSession(options), options.redirectToPath);
  // REQUIRED email verification: an unverified user is sent to verify first, as on pages.
  await redirectUnverifiedEmail(session, options);
  await redirectIncompleteMfa(session, options);
  return session;
}

/** The headers `isSameOrigin` reads, as the `Request` it takes (its URL is unused). */
async function originHeadersOnly(): Promise<Request> {
  const incoming = await headers();
  const picked = new Headers();
  for (const name of ["origin", "sec-fetch-site", "host"]) {
    const value = incoming.get(name);
    if (value !== null) picked.set(name, value);
  }
  return new Request("http://server-action.invalid/", { method: "POST", headers: picked });
}
