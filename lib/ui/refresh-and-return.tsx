"use client";

import { useEffect, useRef } from "react";
import { refreshReturnGuard } from "../client/redirect-loop-guard";
import { attemptRefreshingSession } from "../client/refresh";
import { safeRedirectPath } from "../auth/safe-redirect";
import { en } from "../i18n/en";
import { pickMessages, type MessagesOf } from "./client-messages";
import { REFRESH_AND_RETURN_MESSAGES } from "./sign-in-messages";

const ENGLISH = pickMessages(en, REFRESH_AND_RETURN_MESSAGES);

/**
 * Rendered at `{websiteBasePath}/refresh?redirectToPath=…` when a server component met an
 * expired access token. The refresh cookie is scoped to the refresh endpoint, so only the
 * browser can present it: refresh (single-flight with any other tab), then go back to the page;
 * if the session is gone, go to sign-in.
 *
 * Loop breaker: if this tab was already sent back to the same path `maxReturns` times within
 * the last ~10 s, the page evidently cannot use the refreshed session (clock skew, cookies the
 * browser refuses, a server bug); sign-in is offered instead of bouncing for ever.
 *
 * Nothing of the app is shown meanwhile, signed-in or signed-out: only a status line.
 */
export function RefreshAndReturn({
  apiBasePath,
  websiteBasePath,
  redirectToPath,
  messages: t = ENGLISH,
}: {
  apiBasePath: string;
  websiteBasePath: string;
  redirectToPath: string | null;
  /**
   * The one string it shows (lib/i18n). Only this one: the page must carry nothing of the
   * app, signed-in or signed-out, not even in its data: `pickMessages(t, REFRESH_AND_RETURN_MESSAGES)`. @default English
   */
  messages?: MessagesOf<(typeof REFRESH_AND_RETURN_MESSAGES)[number]>;
}) {
  // React's development double-mount must not refresh or count a return twice.
  const started = useRef(false);
  useEffect(() => {
    if (started.current) return;
    started.current = true;
    const back = safeRedirectPath(redirectToPath);
    const signIn = `${websiteBasePath}?redirectToPath=${encodeURIComponent(back)}`;
    const guard = refreshReturnGuard();
    if (guard.isLooping(back)) {
      window.location.replace(signIn);
      return;
    }
    attemptRefreshingSession({ apiBasePath })
      .then((refreshed) => {
        if (!refreshed) return window.location.replace(signIn);
        guard.recordReturn(back);
        window.location.replace(back);
      })
      .catch(() => window.location.replace(signIn));
  }, [apiBasePath, websiteBasePath, redirectToPath]);
  return (
    <p className="gh-muted" role="status">
      {t.refreshingSession}
    </p>
  );
}
