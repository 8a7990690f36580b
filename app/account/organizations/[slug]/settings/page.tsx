import { forbidden } from "next/navigation";
import { activeOrganizationOf } from "@/lib/auth/organizations/organization-claim";
import { listMembers } from "@/lib/auth/organizations/organizations";
import { format } from "@/lib/i18n";
import { gatehouse } from "@/lib/gatehouse";
import { requireRoles } from "@/lib/next/require-roles";
import { uiLanguage } from "@/lib/next/ui-language";
import { roleName } from "@/lib/ui/organization-api";
import { SiteHeader } from "../../../../site-header";

export const dynamic = "force-dynamic";

/**
 * The example of a page gated on a role in the ACTIVE organization: `requireRoles({ orgRoles })`
 * lets the owner and the admins through, from the access token's `gh-org` claim (no database
 * read; a role change arrives with the session's next refresh). Everyone else, and a session
 * whose active organization is another one, gets the 403 page.
 */
export default async function OrganizationSettingsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const session = await requireRoles({
    redirectToPath: `/account/organizations/${encodeURIComponent(slug)}/settings`,
    orgRoles: ["owner", "admin"],
  });
  // The role is the active organization's: an admin of another organization has none here.
  const active = activeOrganizationOf(session.accessTokenPayload);
  if (active?.id !== slug) forbidden();
  const [found, { locale, messages: t }] = await Promise.all([
    listMembers(gatehouse(), { organizationId: slug, userId: session.userId }),
    uiLanguage(),
  ]);
  const name = found.status === "OK" ? found.organization.name : slug;
  return (
    <>
      <SiteHeader />
      <main>
        <div className="gh-auth" lang={locale}>
          <section className="gh-card" aria-labelledby="settings-title" data-testid="organization-settings">
            <h1 id="settings-title" className="gh-title">
              {format(t.orgSettingsTitle, { organization: name })}
            </h1>
            <p className="gh-muted">{format(t.orgSettingsBody, { organization: name })}</p>
            <dl className="gh-account-details">
              <dt>{t.orgSettingsSlug}</dt>
              <dd>{slug}</dd>
              <dt>{t.orgSettingsYourRole}</dt>
              <dd data-testid="settings-role">{roleName(active.role, t)}</dd>
            </dl>
          </section>
        </div>
      </main>
    </>
  );
}
