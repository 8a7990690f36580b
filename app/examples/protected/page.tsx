import { getSession } from "@/lib/next/get-session";

export const dynamic = "force-dynamic";

/**
 * Protected by proxy.ts alone (PROTECTED_PATH_PREFIXES), so that the e2e suite sees the proxy at
 * work: without a session this page never renders. A page that reads user data should also
 * verify on its own (`requireSession`), as the dashboard does.
 */
export default async function ProxyProtectedPage() {
  const result = await getSession();
  return (
    <main>
      <div className="gh-card">
        <h1>Protected by proxy.ts</h1>
        {result.status === "OK" ? (
          <p>
            Signed in as user <code data-testid="user-id">{result.session.userId}</code>
          </p>
        ) : (
          <p data-testid="no-session">No session: proxy.ts should have redirected you.</p>
        )}
      </div>
    </main>
  );
}
