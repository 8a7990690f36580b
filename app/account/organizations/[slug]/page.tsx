import Link from "next/link";
import { notFound } from "next/navigation";
import { listOpenInvitations } from "@/lib/auth/organizations/invitations";
import { withMemberEmails } from "@/lib/auth/organizations/member-emails";
import { canManageMembers } from "@/lib/auth/organizations/organization-names";
import { activeOrganizationOf } from "@/lib/auth/organizations/organization-claim";
import { listMembers } from "@/lib/auth/organizations/organizations";
import { format } from "@/lib/i18n";
import { gatehouse } from "@/lib/gatehouse";
import { requireSession } from "@/lib/next/get-session";
import { uiLanguage } from "@/lib/next/ui-language";
import { pickMessages } from "@/lib/ui/client-messages";
import { roleName } from "@/lib/ui/organization-api";
import { OrganizationDangerZone } from "@/lib/ui/organization-danger-zone";
import { OrganizationInvitations } from "@/lib/ui/organization-invitations";
import { OrganizationMembers } from "@/lib/ui/organization-members";
import { ORGANIZATION_DANGER_ZONE_MESSAGES, ORGANIZATION_INVITATIONS_MESSAGES, ORGANIZATION_MEMBERS_MESSAGES } from "@/lib/ui/organization-messages";
import { SiteHeader } from "../../../site-header";

export const dynamic = "force-dynamic";

/**
 * One organization for its members: who is in it with which role. Owners and admins invite,
 * revoke invitations, change roles and remove members; members leave; the owner transfers
 * ownership and deletes. Data is read through the engine, changes go through the API.
 * A visitor who is not a member gets the 404 page, whether or not the organization exists.
 */
export default async function OrganizationPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const session = await requireSession({ redirectToPath: `/account/organizations/${encodeURIComponent(slug)}`, checkDatabase: true });
  const ctx = gatehouse();
  const found = await listMembers(ctx, { organizationId: slug, userId: session.userId });
  if (found.status !== "OK") notFound();
  const { organization } = found;
  const myRole = found.members.find((m) => m.userId === session.userId)?.role ?? "member";
  const canManage = canManageMembers(myRole);
  const [members, invitations, { locale, messages: t }] = await Promise.all([
    withMemberEmails(ctx, found.members),
    canManage ? listOpenInvitations(ctx, { organizationId: slug, userId: session.userId }) : null,
    uiLanguage(),
  ]);
  const active = activeOrganizationOf(session.accessTokenPayload);
  const { apiBasePath } = ctx.config;
  return (
    <>
      <SiteHeader />
      <main>
        <div className="gh-auth" lang={locale}>
          <p>
            <Link href="/account/organizations">{t.orgAllOrganizations}</Link>
          </p>
          <section className="gh-card" aria-labelledby="organization-title">
            <h1 id="organization-title" className="gh-title">
              {organization.name}
            </h1>
            <p className="gh-muted">
              {organization.id} · {format(t.orgsYourRole, { role: roleName(myRole, t) })}
              {active?.id === organization.id && <span className="gh-badge">{t.orgsActive}</span>}
            </p>
            {canManage && (
              <p>
                <a href={`/account/organizations/${encodeURIComponent(organization.id)}/settings`}>{t.orgSettingsLink}</a>
              </p>
            )}
          </section>
          <OrganizationMembers
            organizationId={organization.id}
            members={members.map((m) => ({ userId: m.userId, email: m.email, role: m.role, joinedAt: m.joinedAt.getTime() }))}
            myUserId={session.userId}
            canManage={canManage}
            apiBasePath={apiBasePath}
            messages={pickMessages(t, ORGANIZATION_MEMBERS_MESSAGES)}
            locale={locale}
          />
          {invitations?.status === "OK" && (
            <OrganizationInvitations
              organizationId={organization.id}
              invitations={invitations.invitations.map((i) => ({ id: i.id, email: i.email, role: i.role, expiresAt: i.expiresAt.getTime() }))}
              apiBasePath={apiBasePath}
              messages={pickMessages(t, ORGANIZATION_INVITATIONS_MESSAGES)}
              locale={locale}
            />
          )}
          <OrganizationDangerZone
            organizationId={organization.id}
            organizationName={organization.name}
            myRole={myRole}
            otherMembers={members.filter((m) => m.userId !== session.userId).map((m) => ({ userId: m.userId, label: m.email ?? m.userId }))}
            isActive={active?.id === organization.id}
            apiBasePath={apiBasePath}
            messages={pickMessages(t, ORGANIZATION_DANGER_ZONE_MESSAGES)}
          />
        </div>
      </main>
    </>
  );
}
