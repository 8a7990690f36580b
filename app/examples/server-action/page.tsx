import { gatehouse } from "@/lib/gatehouse";
import { authRedirectPath } from "@/lib/next/auth-redirect";
import { WhoAmIForm } from "./who-am-i-form";

export const dynamic = "force-dynamic";

/**
 * Server action example. The page itself is public; the action checks the session on every call
 * (lib/next/server-action.ts), which is where the check has to be.
 */
export default function ServerActionExamplePage() {
  const refreshHref = authRedirectPath("TRY_REFRESH_TOKEN_ERROR", {
    websiteBasePath: gatehouse().config.websiteBasePath,
    redirectToPath: "/examples/server-action",
  })!;
  return (
    <main>
      <div className="gh-card">
        <h1>Server action example</h1>
        <p className="gh-muted">The button calls a server action that reads the session from the cookie.</p>
        <WhoAmIForm refreshHref={refreshHref} />
      </div>
    </main>
  );
}
