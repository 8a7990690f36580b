"use client";

import { useEffect, useState } from "react";
import * as gatehouseClient from "@/lib/client";
import { configureGatehouseClient, gatehouseFetch, useSession } from "@/lib/client";
import { SignOutButton } from "@/lib/ui/sign-out-button";

declare global {
  interface Window {
    /** The client module, for the e2e specs and for trying it from the browser console. */
    gatehouseClient?: typeof gatehouseClient;
  }
}

export function ClientSessionDemo({ apiBasePath, websiteBasePath }: { apiBasePath: string; websiteBasePath: string }) {
  const session = useSession();
  const [me, setMe] = useState<string | null>(null);

  useEffect(() => {
    configureGatehouseClient({ apiBasePath });
    window.gatehouseClient = gatehouseClient;
  }, [apiBasePath]);

  async function callMe() {
    const response = await gatehouseFetch("/api/me");
    setMe(`${response.status} ${await response.text()}`);
  }

  // No signed-in or signed-out view until the browser's state is known: no flash of either.
  if (session.loading)
    return (
      <p className="gh-muted" role="status">
        Loading…
      </p>
    );

  return (
    <div className="gh-card" data-testid="session-state" data-state={session.doesSessionExist ? "signed-in" : "signed-out"}>
      <h1>Client session</h1>
      {session.doesSessionExist ? (
        <>
          <p>
            Signed in as user <code data-testid="session-user-id">{session.userId}</code>
          </p>
          <h2>Access-token payload (from the front token)</h2>
          <pre data-testid="session-payload">{JSON.stringify(session.accessTokenPayload)}</pre>
          <button className="gh-button" type="button" onClick={callMe}>
            Call /api/me
          </button>
          {me && <pre data-testid="me-result">{me}</pre>}
          <SignOutButton apiBasePath={apiBasePath} afterSignOut={`${websiteBasePath}?redirectToPath=/examples/client`} />
        </>
      ) : (
        <p>
          Not signed in. <a href={`${websiteBasePath}?redirectToPath=/examples/client`}>Sign in</a>
        </p>
      )}
    </div>
  );
}
