import { listMyOrganizations } from "@/lib/auth/organizations/organizations";
import { activeOrganizationOf } from "@/lib/auth/organizations/organization-claim";
import { format } from "@/lib/i18n";
import { gatehouse } from "@/lib/gatehouse";
import { requireSession } from "@/lib/next/get-session";
import { uiLanguage } from "@/lib/next/ui-language";
import { pickMessages } from "@/lib/ui/client-messages";
import { CreateOrganizationForm } from "@/lib/ui/create-organization-form";
import { roleName } from "@/lib/ui/organization-api";
import { CREATE_ORGANIZATION_FORM_MESSAGES } from "@/lib/ui/organization-messages";
import { SiteHeader } from "../../site-header";

export const dynamic = "force-dynamic";

/** The signed-in user's organizations, with their role in each, and a form to create one. */
export default async function MyOrganizationsPage() {
  const session = await requireSession({ redirectToPath: "/account/organizations", checkDatabase: true });
  const ctx = gatehouse();
  const [mine, { locale, messages: t }] = await Promise.all([listMyOrganizations(ctx, session.userId), uiLanguage()]);
  const active = activeOrganizationOf(session.accessTokenPayload)?.id;
  return (
    <>
      <SiteHeader />
      <main>
        <div className="gh-auth" lang={locale}>
          <section className="gh-card" aria-labelledby="organizations-title">
            <h1 id="organizations-title" className="gh-title">
              {t.orgsTitle}
            </h1>
            {mine.length === 0 ? (
              <p className="gh-muted">{t.orgsNone}</p>
            ) : (
              <ul className="gh-org-list" data-testid="my-organizations">
                {mine.map(({ organization, role }) => (
                  <li key={organization.id} className="gh-org-row">
                    <span className="gh-session-text">
                      <a href={`/account/organizations/${encodeURIComponent(organization.id)}`}>{organization.name}</a>{" "}
                      <span className="gh-muted">{format(t.orgsYourRole, { role: roleName(role, t) })}</span>
                      {organization.id === active && <span className="gh-badge">{t.orgsActive}</span>}
                    </span>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <CreateOrganizationForm apiBasePath={ctx.config.apiBasePath} messages={pickMessages(t, CREATE_ORGANIZATION_FORM_MESSAGES)} />
        </div>
      </main>
    </>
  );
}
