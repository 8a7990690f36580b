import type { IncomingHttpHeaders } from "node:http";
import type { GetServerSideProps, GetServerSidePropsContext, GetServerSidePropsResult, Redirect } from "next";
import { getSession, type VerifiedSession } from "../auth/session/session";
import { gatehouse } from "../gatehouse";
import { readCookie } from "../http/cookies";
import { authRedirectPath } from "./auth-redirect";
import { unverifiedEmailErrors, verifyEmailPath } from "./verify-email-redirect";
import { incompleteMfaErrors, mfaPath } from "./mfa-redirect";

export interface SessionSSROptions {
  /**
   * Where the user comes back to after refreshing or signing in.
   * @default context.resolvedUrl (this page, with its query)
   */
  redirectToPath?: string;
  /**
   * Also check that the session row still exists: one database read per request.
   * @default false
   */
  checkDatabase?: boolean;
}

/** What `getSessionSSR` reads from the getServerSideProps context: only the Cookie header and the URL. */
export interface SessionSSRContext {
  req: { headers: Pick<IncomingHttpHeaders, "cookie"> };
  resolvedUrl: string;
}

/**
 * Reads the session in `getServerSideProps` (Pages Router) from the access-token cookie
 * (`sAccessToken` unless renamed).
 * Returns the session, or a `redirect` object ready to be returned from getServerSideProps:
 * to `/auth/refresh?redirectToPath=…` when the access token expired, to `/auth?redirectToPath=…`
 * without a session, to `/auth/verify-email?redirectToPath=…` for an unverified email in
 * REQUIRED email-verification mode. Browser page loads only: cookies, no header-mode tokens.
 *
 * @example
 * export const getServerSideProps: GetServerSideProps = async (context) => {
 *   const result = await getSessionSSR(context);
 *   if ("redirect" in result) return result;
 *   return { props: { userId: result.session.userId } };
 * };
 */
export async function getSessionSSR(
  context: SessionSSRContext,
  options: SessionSSROptions = {},
): Promise<{ session: VerifiedSession } | { redirect: Redirect }> {
  const ctx = gatehouse();
  const accessToken = readCookie(context.req.headers.cookie ?? null, ctx.config.session.accessTokenCookieName);
  const result = await getSession(ctx, { accessToken, checkDatabase: options.checkDatabase });
  const redirectToPath = options.redirectToPath ?? context.resolvedUrl;
  if (result.status === "OK") {
    // REQUIRED email verification: an unverified user goes to the verify-email page first.
    if (await unverifiedEmailErrors(ctx, result.session, options)) {
      return { redirect: { destination: verifyEmailPath(ctx, redirectToPath), permanent: false } };
    }
    const mfaErrors = await incompleteMfaErrors(ctx, result.session);
    if (mfaErrors) return { redirect: { destination: mfaPath(ctx, redirectToPath, mfaErrors), permanent: false } };
    return { session: result.session };
  }
  const destination = authRedirectPath(result.status, { websiteBasePath: ctx.config.websiteBasePath, redirectToPath })!;
  return { redirect: { destination, permanent: false } };
}

/**
 * Wraps getServerSideProps so that it only runs with a session; otherwise the page redirects as
 * `getSessionSSR` says.
 *
 * @example
 * export const getServerSideProps = withSessionSSR(async (context, session) => ({
 *   props: { userId: session.userId },
 * }));
 */
export function withSessionSSR<Props extends { [key: string]: unknown } = { [key: string]: unknown }>(
  handler: (context: GetServerSidePropsContext, session: VerifiedSession) => Promise<GetServerSidePropsResult<Props>>,
  options: SessionSSROptions = {},
): GetServerSideProps<Props> {
  return async (context) => {
    const result = await getSessionSSR(context, options);
    if ("redirect" in result) return result;
    return handler(context, result.session);
  };
}
