import Link from "next/link";
import { checkSlug } from "@/lib/auth/organizations/organization-names";
import { countOrganizationMembers, listOrganizationsPage } from "@/lib/auth/organizations/tenant-admin";
import { gatehouse } from "@/lib/gatehouse";
import { ADMIN_ROLE } from "@/lib/http/admin-auth";
import { requireRoles } from "@/lib/next/require-roles";
import { uiLanguage } from "@/lib/next/ui-language";
import { LocalDateText } from "@/lib/ui/local-date-text";
import { AdminNav } from "../admin-nav";

export const dynamic = "force-dynamic";

/** Organizations a page: enough to scan, few enough for one count query. */
const PAGE_SIZE = 50;

/**
 * Every organization, ordered by slug, a page at a time (`?after=<slug>`, keyset paging as the
 * admin API's), with its member count. `admin` sessions only, checked against the database.
 */
export default async function AdminOrganizationsPage({ searchParams }: { searchParams: Promise<{ after?: string | string[] }> }) {
  const value = (await searchParams).after;
  const after = Array.isArray(value) ? value[0] : value;
  // Back to the same page after a refresh: an expired access token on page three is no reason
  // to start again from the first.
  const here = after === undefined ? "/admin/organizations" : `/admin/organizations?${new URLSearchParams({ after })}`;
  await requireRoles({ redirectToPath: here, roles: [ADMIN_ROLE], checkDatabase: true });
  const ctx = gatehouse();
  // A cursor that is no slug (hand-edited) starts from the beginning rather than failing.
  const page = await listOrganizationsPage(ctx, { limit: PAGE_SIZE, afterId: after && checkSlug(after) === undefined ? after : undefined });
  const [counts, { locale, messages: t }] = await Promise.all([
    countOrganizationMembers(
      ctx,
      page.organizations.map((o) => o.id),
    ),
    uiLanguage(),
  ]);
  return (
    <>
      <header className="gh-admin-header">
        <h1>{t.adminOrganizationsTitle}</h1>
      </header>
      <AdminNav current="organizations" messages={t} />
      <section className="gh-card gh-admin-section" aria-labelledby="organizations-title">
        <h2 id="organizations-title">{t.adminOrganizationsTitle}</h2>
        {page.organizations.length === 0 ? (
          <p className="gh-muted">{t.adminNoOrganizations}</p>
        ) : (
          <div className="gh-table-scroll" tabIndex={0} role="region" aria-labelledby="organizations-title">
            <table className="gh-table" data-testid="organizations-table">
              <thead>
                <tr>
                  <th scope="col">{t.adminOrgSlug}</th>
                  <th scope="col">{t.adminOrgName}</th>
                  <th scope="col">{t.adminOrgMembers}</th>
                  <th scope="col">{t.adminOrgCreated}</th>
                </tr>
              </thead>
              <tbody>
                {page.organizations.map((o) => (
                  <tr key={o.id} data-testid="organization-row">
                    <td>
                      <a href={`/admin/organizations/${encodeURIComponent(o.id)}`}>{o.id}</a>
                    </td>
                    <td>{o.name}</td>
                    <td>{(counts.get(o.id) ?? 0).toLocaleString(locale)}</td>
                    <td>
                      <LocalDateText ms={o.createdAt.getTime()} locale={locale} />
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <nav className="gh-admin-pager" aria-label={t.adminPagesOfOrganizations}>
          {after && <Link href="/admin/organizations">{t.adminFirstPage}</Link>}
          {page.nextAfterId && <a href={`/admin/organizations?after=${encodeURIComponent(page.nextAfterId)}`}>{t.adminNext}</a>}
        </nav>
      </section>
    </>
  );
}
