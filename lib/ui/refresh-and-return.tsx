"use client";

import { useEffect } from "react";
import { safeRedirectPath } from "../next/safe-redirect";

/**
 * Rendered when a server component met an expired access token. The refresh cookie is scoped
 * to the refresh endpoint, so only the browser can present it: refresh, then go back to the
 * page; if the session is gone, go to sign-in.
 */
export function RefreshAndReturn({ apiBasePath, websiteBasePath, redirectToPath }: { apiBasePath: string; websiteBasePath: string; redirectToPath: string | null }) {
  useEffect(() => {
    const back = safeRedirectPath(redirectToPath);
    fetch(`${apiBasePath}/session/refresh`, { method: "POST", headers: { rid: "session" }, credentials: "same-origin" })
      .then((response) => {
        window.location.replace(response.ok ? back : `${websiteBasePath}?redirectToPath=${encodeURIComponent(back)}`);
      })
      .catch(() => window.location.replace(`${websiteBasePath}?redirectToPath=${encodeURIComponent(back)}`));
  }, [apiBasePath, websiteBasePath, redirectToPath]);
  return <p className="gh-muted" role="status">Refreshing your session…</p>;
}
