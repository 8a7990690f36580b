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
        <h2>Access-token payload</h2>
        <pre data-testid="payload">{JSON.stringify(session.accessTokenPayload)}</pre>
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
