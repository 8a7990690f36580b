import { gatehouse } from "@/lib/gatehouse";
import { AuthForm } from "@/lib/ui/auth-form";
import "./embedded.css";

export const dynamic = "force-dynamic";

/**
 * Example of embedding: the built-in sign-in form inside a page of the app's own design. The form
 * is the same component /auth uses; this page only lays it out and restyles it through the
 * --gh-* variables, scoped to `.landing` so that the rest of the app keeps the default theme.
 */
export default function EmbeddedSignInPage() {
  const { apiBasePath, websiteBasePath } = gatehouse().config;
  return (
    <div className="landing">
      <header className="landing-hero">
        <h1>Acme Notes</h1>
        <p>Your notes, on every device. Sign in to continue where you left off.</p>
      </header>
      <main className="landing-form">
        <AuthForm
          mode="signin"
          apiBasePath={apiBasePath}
          redirectToPath="/dashboard"
          switchHref={`${websiteBasePath}?show=signup&redirectToPath=%2Fdashboard`}
          forgotPasswordHref={`${websiteBasePath}/reset-password`}
        />
      </main>
    </div>
  );
}
