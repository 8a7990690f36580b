import { gatehouse } from "@/lib/gatehouse";
import { requireSession } from "@/lib/next/get-session";
import { RequireRole } from "@/lib/client/roles";
import { SignOutButton } from "@/lib/ui/sign-out-button";

export const dynamic = "force-dynamic";

/** Example protected page: a server component reading the session without a database call. */
export default async function DashboardPage() {
  const session = await requireSession({ redirectToPath: "/dashboard" });
  const { apiBasePath, websiteBasePath } = gatehouse().config;
  return (
    <main>
      <div className="gh-card">
        <h1>Dashboard</h1>
        <p>
          Signed in as user <code data-testid="user-id">{session.userId}</code>
        </p>
        <h2 id="payload-heading">Access-token payload</h2>
        {/* Focusable so that keyboard users can scroll a long payload (WCAG 2.1.1). */}
        <pre data-testid="payload" tabIndex={0} aria-labelledby="payload-heading">{JSON.stringify(session.accessTokenPayload)}</pre>
        <RequireRole roles={["admin"]}>
          <p>
            <a href="/examples/admin" data-testid="admin-link">Admin area</a>
          </p>
        </RequireRole>
        <SignOutButton apiBasePath={apiBasePath} afterSignOut={websiteBasePath} />
      </div>
    </main>
  );
}
