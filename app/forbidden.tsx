import Link from "next/link";

/** The 403 page rendered by `forbidden()` (lib/next/require-roles.ts). */
export default function Forbidden() {
  return (
    <main>
      <div className="gh-card" data-testid="forbidden">
        <h1>You don’t have access to this page</h1>
        <p className="gh-muted">Your account lacks the role this page needs. If you were just given it, it applies within a few minutes (at your session’s next refresh).</p>
        <Link href="/">Back to the home page</Link>
      </div>
    </main>
  );
}
