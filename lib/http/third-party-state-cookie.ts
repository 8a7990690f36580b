/**
 * The built-in UI's third-party sign-in state: `state`, the PKCE verifier, the nonce, the
 * redirect URI and `redirectToPath`, sealed (encrypted and authenticated) with iron-session into
 * one short-lived HttpOnly cookie. It binds the callback to the browser that started the
 * sign-in: a callback URL opened in another browser (a login-CSRF link, a leaked URL) finds no
 * cookie or another state, and is refused. The cookie is cleared by the first callback that
 * uses it, so a replayed callback finds nothing either.
 */
import { sealData, unsealData } from "iron-session";
import type { EngineContext } from "../auth/context";
import { flowKeys } from "../auth/thirdparty/flow-secrets";
import type { BuiltInFlowSecrets } from "../auth/thirdparty/flow";
import { EXPIRED, readCookie, serializeCookie, type CookieAttributes } from "./cookies";

export const THIRD_PARTY_STATE_COOKIE = "sThirdPartyState";

/** Host-only with Path=/, so `__Host-` whenever the session cookies are prefixed (session.cookiePrefixes). */
function stateCookieName(ctx: EngineContext): string {
  return ctx.config.session.cookiePrefixes ? `__Host-${THIRD_PARTY_STATE_COOKIE}` : THIRD_PARTY_STATE_COOKIE;
}

export interface ThirdPartyFlowState extends BuiltInFlowSecrets {
  thirdPartyId: string;
  /** The redirect URI the provider was given (the token request must repeat it exactly). */
  redirectUri: string;
  /** Where to go after signing in; made safe again by the page before use. */
  redirectToPath: string | null;
  /** Milliseconds, judged by the engine's clock. */
  expiresAt: number;
}

/** Browsers drop a cookie whose name and value together pass this many bytes. */
const MAX_COOKIE_BYTES = 4096;

export async function sealFlowState(ctx: EngineContext, state: Omit<ThirdPartyFlowState, "expiresAt">): Promise<{ value: string; expiresAt: Date }> {
  const ttl = ctx.config.thirdParty.stateTtlSeconds;
  const expiresAt = new Date(ctx.now().getTime() + ttl * 1000);
  // iron's own expiry (process clock, with a margin) backs up the engine-clock check in readFlowState.
  const seal = (sealed: typeof state) =>
    sealData({ ...sealed, expiresAt: expiresAt.getTime() }, { password: flowKeys(ctx.keys).statePassword, ttl: ttl + 60 });
  const value = await seal(state);
  // A long redirectToPath (within safeRedirectPath's limit, but growing in the sealed JSON, as
  // backslashes do) would make a cookie the browser drops, and the callback would find no state:
  // the sign-in is kept, and lands where one without a redirectToPath does.
  if (stateCookieName(ctx).length + 1 + value.length <= MAX_COOKIE_BYTES) return { value, expiresAt };
  return { value: await seal({ ...state, redirectToPath: null }), expiresAt };
}

/** The unsealed state, or null when there is none, it was tampered with, or it expired. */
export async function readFlowState(ctx: EngineContext, cookieHeader: string | null): Promise<ThirdPartyFlowState | null> {
  const sealed = readCookie(cookieHeader, stateCookieName(ctx));
  if (!sealed || sealed.length > MAX_COOKIE_BYTES) return null;
  let state: Partial<ThirdPartyFlowState>;
  try {
    state = await unsealData<Partial<ThirdPartyFlowState>>(sealed, {
      password: flowKeys(ctx.keys).statePassword,
      ttl: ctx.config.thirdParty.stateTtlSeconds + 60,
    });
  } catch {
    return null;
  }
  const complete =
    typeof state.thirdPartyId === "string" &&
    typeof state.state === "string" &&
    typeof state.pkceCodeVerifier === "string" &&
    typeof state.nonce === "string" &&
    typeof state.redirectUri === "string" &&
    typeof state.expiresAt === "number";
  if (!complete || state.expiresAt! <= ctx.now().getTime()) return null;
  return state as ThirdPartyFlowState;
}

function attributes(ctx: EngineContext, life: Pick<CookieAttributes, "expires" | "maxAgeSeconds">): CookieAttributes {
  // Lax: the provider's redirect back is a top-level GET, which carries Lax cookies; the
  // callback page's POST to the API is same-site. Host-only: the flow ends where it began.
  return { path: "/", httpOnly: true, secure: ctx.config.session.cookieSecure, sameSite: "lax", ...life };
}

export function flowStateCookie(ctx: EngineContext, sealed: { value: string; expiresAt: Date }): string {
  // Max-Age as well: a browser whose clock runs ahead of the state's lifetime dropped a cookie
  // that had only the date, and its every sign-in with a provider failed as expired.
  const maxAgeSeconds = Math.ceil((sealed.expiresAt.getTime() - ctx.now().getTime()) / 1000);
  return serializeCookie(stateCookieName(ctx), sealed.value, attributes(ctx, { expires: sealed.expiresAt, maxAgeSeconds }));
}

export function clearedFlowStateCookie(ctx: EngineContext): string {
  return serializeCookie(stateCookieName(ctx), "", attributes(ctx, EXPIRED));
}
