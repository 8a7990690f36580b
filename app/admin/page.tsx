import { getSignUpsPerDay, getUserCount } from "@/lib/auth/users/users";
import { gatehouse } from "@/lib/gatehouse";
import { ADMIN_ROLE } from "@/lib/http/admin-auth";
import { requireRoles } from "@/lib/next/require-roles";
import { uiLanguage } from "@/lib/next/ui-language";
import { SignupsChart } from "@/lib/ui/admin/signups-chart";
import { USERS_TABLE_MESSAGES } from "@/lib/ui/admin/admin-messages";
import { UsersTable } from "@/lib/ui/admin/users-table";
import { pickMessages } from "@/lib/ui/client-messages";
import { AdminNav } from "./admin-nav";

export const dynamic = "force-dynamic";

/**
 * The admin dashboard: sign-ups over 30 days and the users table. Only sessions holding the
 * `admin` role get in, read from the database (a removed role closes it at once); others see
 * the 403 page, visitors without a session go to sign in.
 */
export default async function AdminPage() {
  await requireRoles({ redirectToPath: "/admin", roles: [ADMIN_ROLE], checkDatabase: true });
  const ctx = gatehouse();
  const [days, total, { locale, messages: t }] = await Promise.all([getSignUpsPerDay(ctx, 30), getUserCount(ctx), uiLanguage()]);
  const { apiBasePath, websiteBasePath } = ctx.config;
  return (
    <>
      <header className="gh-admin-header">
        <h1>{t.adminTitle}</h1>
      </header>
      <AdminNav current="users" messages={t} />
      <section className="gh-card gh-admin-section gh-admin-stats" aria-label={t.adminSignUpsLabel}>
        <div>
          <p className="gh-admin-stat" data-testid="total-users">
            {total.toLocaleString(locale)}
          </p>
          <p className="gh-muted">{t.adminUsersInAll}</p>
        </div>
        <SignupsChart days={days} messages={t} locale={locale} />
      </section>
      <UsersTable apiBasePath={apiBasePath} signInPath={websiteBasePath} messages={pickMessages(t, USERS_TABLE_MESSAGES)} locale={locale} />
    </>
  );
}
