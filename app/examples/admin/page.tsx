import { requireRoles } from "@/lib/next/require-roles";

export const dynamic = "force-dynamic";

/** Example admin-only page: needs the `admin` role from the access token (as of the last refresh). */
export default async function AdminExamplePage() {
  const session = await requireRoles({ redirectToPath: "/examples/admin", roles: ["admin"] });
  return (
    <main>
      <div className="gh-card">
        <h1>Admin area</h1>
        <p>
          Welcome, admin <code data-testid="user-id">{session.userId}</code>.
        </p>
      </div>
    </main>
  );
}
