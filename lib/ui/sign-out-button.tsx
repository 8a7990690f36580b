"use client";

import { useState } from "react";

/** Revokes the session on the server, then goes to the sign-in page. */
export function SignOutButton({ apiBasePath = "/api/auth", afterSignOut = "/auth" }: { apiBasePath?: string; afterSignOut?: string }) {
  const [pending, setPending] = useState(false);
  async function signOut() {
    setPending(true);
    let response = await fetch(`${apiBasePath}/signout`, { method: "POST", headers: { rid: "session" }, credentials: "same-origin" });
    if (response.status === 401) {
      // An expired access token: refresh once so the session is revoked server-side, not just forgotten.
      const refreshed = await fetch(`${apiBasePath}/session/refresh`, { method: "POST", headers: { rid: "session" }, credentials: "same-origin" });
      if (refreshed.ok) {
        response = await fetch(`${apiBasePath}/signout`, { method: "POST", headers: { rid: "session" }, credentials: "same-origin" });
      }
    }
    window.location.assign(afterSignOut);
  }
  return (
    <button className="gh-button" type="button" onClick={signOut} disabled={pending}>
      Sign out
    </button>
  );
}
