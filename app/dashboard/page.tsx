import { gatehouse } from "@/lib/gatehouse";
import { requireSession } from "@/lib/next/get-session";
import { RequireRole } from "@/lib/client/roles";
import { SiteHeader } from "../site-header";

export const dynamic = "force-dynamic";

/** Example protected page: a server component reading the session (the email from the user store). */
export default async function DashboardPage() {
  const session = await requireSession({ redirectToPath: "/dashboard" });
  const user = await gatehouse().stores.users.getUserById(session.userId);
  return (
    <>
      <SiteHeader />
      <main>
        <div className="gh-card">
          <h1>Dashboard</h1>
          <p>
            Signed in as <strong data-testid="dashboard-email">{user?.email ?? "a user without an email"}</strong>
          </p>
          <p className="gh-muted">
            User id <code data-testid="user-id">{session.userId}</code>
          </p>
          <h2 id="payload-heading">Access-token payload</h2>
          {/* Focusable so that keyboard users can scroll a long payload (WCAG 2.1.1). */}
          <pre data-testid="payload" className="gh-payload" tabIndex={0} aria-labelledby="payload-heading">
            {JSON.stringify(session.accessTokenPayload, null, 2)}
          </pre>
          <RequireRole roles={["admin"]}>
            <p>
              <a href="/examples/admin" data-testid="admin-link">
                Admin area
              </a>
            </p>
          </RequireRole>
        </div>
      </main>
    </>
  );
}
