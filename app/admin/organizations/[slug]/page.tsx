import Link from "next/link";
import { withMemberEmails } from "@/lib/auth/organizations/member-emails";
import { getOrganizationWithMembers, redactLoginMethods, requiredSecondaryFactorsEnforced } from "@/lib/auth/organizations/tenant-admin";
import { format } from "@/lib/i18n";
import { gatehouse } from "@/lib/gatehouse";
import { ADMIN_ROLE } from "@/lib/http/admin-auth";
import { requireRoles } from "@/lib/next/require-roles";
import { ORGANIZATION_MEMBER_REMOVE_MESSAGES } from "@/lib/ui/admin/admin-messages";
import { RemoveOrganizationMember } from "@/lib/ui/admin/organization-member-remove";
import { pickMessages } from "@/lib/ui/client-messages";
import { uiLanguage } from "@/lib/next/ui-language";
import { LocalDateText } from "@/lib/ui/local-date-text";
import { roleName } from "@/lib/ui/organization-api";
import { AdminNav } from "../../admin-nav";

export const dynamic = "force-dynamic";

/** One organization in the admin dashboard: its facts and its members; `admin` sessions only. */
export default async function AdminOrganizationPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  await requireRoles({ redirectToPath: `/admin/organizations/${encodeURIComponent(slug)}`, roles: [ADMIN_ROLE], checkDatabase: true });
  const ctx = gatehouse();
  const { apiBasePath, websiteBasePath } = ctx.config;
  const [found, { locale, messages: t }] = await Promise.all([getOrganizationWithMembers(ctx, slug), uiLanguage()]);
  const members = found.status === "OK" ? await withMemberEmails(ctx, found.members) : [];
  const removeMessages = pickMessages(t, ORGANIZATION_MEMBER_REMOVE_MESSAGES);
  return (
    <>
      <AdminNav current="organizations" messages={t} />
      <p>
        <Link href="/admin/organizations">{t.adminAllOrganizations}</Link>
      </p>
      {found.status !== "OK" ? (
        <p className="gh-card gh-admin-section" role="status">
          {t.adminOrgMissing}
        </p>
      ) : (
        <div className="gh-admin-detail">
          <section aria-labelledby="organization-title">
            <h1 id="organization-title">{found.organization.name}</h1>
            <dl className="gh-admin-facts">
              <dt>{t.adminOrgSlug}</dt>
              <dd>{found.organization.id}</dd>
              <dt>{t.adminOrgCreated}</dt>
              <dd data-testid="organization-created">
                <LocalDateText ms={found.organization.createdAt.getTime()} locale={locale} withTime />
              </dd>
              <dt>{t.adminOrgLoginMethods}</dt>
              {/* Redacted as the admin API shows them: a tenant's client secret is never on a page. */}
              <dd>
                {found.organization.loginMethods ? (
                  <code>{JSON.stringify(redactLoginMethods(found.organization.loginMethods))}</code>
                ) : (
                  t.adminOrgAsPublic
                )}
                {/* Set while MFA was on, the requirement is enforced by nothing now: as the admin API says. */}
                {requiredSecondaryFactorsEnforced(ctx.config, found.organization.loginMethods) === false && (
                  <p className="gh-notice" role="note" data-testid="organization-factors-not-enforced">
                    {t.adminOrgFactorsNotEnforced}
                  </p>
                )}
              </dd>
            </dl>
          </section>
          <section aria-labelledby="members-title">
            <h2 id="members-title">{format(t.adminOrgMembersCount, { count: members.length.toLocaleString(locale) })}</h2>
            <div className="gh-table-scroll" tabIndex={0} role="region" aria-labelledby="members-title">
              <table className="gh-table" data-testid="organization-members">
                <thead>
                  <tr>
                    <th scope="col">{t.email}</th>
                    <th scope="col">{t.orgInviteRole}</th>
                    <th scope="col">{t.adminJoined}</th>
                    <th scope="col">{t.adminOrgActions}</th>
                  </tr>
                </thead>
                <tbody>
                  {members.map((m) => (
                    <tr key={m.userId}>
                      <td>
                        <a href={`/admin/users/${encodeURIComponent(m.userId)}`}>{m.email ?? m.userId}</a>
                      </td>
                      <td>{roleName(m.role, t)}</td>
                      <td>
                        <LocalDateText ms={m.joinedAt.getTime()} locale={locale} withTime />
                      </td>
                      <td>
                        {/* The owner stays: ownership is transferred first (MEMBER_IS_OWNER). */}
                        {m.role !== "owner" && (
                          <RemoveOrganizationMember
                            organizationId={found.organization.id}
                            userId={m.userId}
                            label={m.email ?? m.userId}
                            apiBasePath={apiBasePath}
                            signInPath={websiteBasePath}
                            messages={removeMessages}
                          />
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        </div>
      )}
    </>
  );
}
