import type { EngineContext } from "../context";

/** The longest access token a mint may issue, and how a refusal names it. */
export interface AccessTokenCap {
  bytes: number;
  /** What sets the cap, why a longer token is no use, and what to change: for the CONFIG_INVALID message. */
  named: string;
  why: string;
  remedy: string;
}

/**
 * The cap for tokens issued through `ctx`: `session.maxAccessTokenBytes`, which verification
 * applies too, and, for a request whose tokens go into cookies, what that cookie holds
 * (`ctx.accessTokenCookieBytes`, set by lib/http), whichever is lower. A deployer's call outside a
 * request knows no transfer mode: the option alone, and a cookie-mode refresh refuses later.
 */
export function accessTokenCap(ctx: Pick<EngineContext, "config" | "accessTokenCookieBytes">): AccessTokenCap {
  const configured = ctx.config.session.maxAccessTokenBytes;
  const cookie = ctx.accessTokenCookieBytes;
  if (cookie !== undefined && cookie < configured) {
    return {
      bytes: cookie,
      named: "what the access-token cookie holds",
      why: "and a browser drops a longer cookie without a word",
      remedy: "or have the client use header transfer (st-auth-mode: header)",
    };
  }
  return { bytes: configured, named: "session.maxAccessTokenBytes", why: "which every check would refuse", remedy: "or raise the limit" };
}
