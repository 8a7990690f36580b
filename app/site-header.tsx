import Link from "next/link";
import { gatehouse } from "@/lib/gatehouse";
import { getSignedInUser } from "@/lib/next/signed-in-user";
import { uiLanguage } from "@/lib/next/ui-language";
import { ORGANIZATION_SWITCHER_MESSAGES, pickMessages, SIGN_OUT_BUTTON_MESSAGES } from "@/lib/ui/client-messages";
import { SignOutButton } from "@/lib/ui/sign-out-button";
import { OrganizationSwitcher } from "@/lib/ui/organization-switcher";

/**
 * The example app's shell: who is signed in and where to go. On the app's own pages (home,
 * dashboard, account, sessions, admin); the sign-in pages stand alone, as hosted sign-in pages do.
 */
export async function SiteHeader() {
  const [visitor, { locale, messages: t }] = await Promise.all([getSignedInUser(), uiLanguage()]);
  const { appName, apiBasePath, websiteBasePath } = gatehouse().config;
  const signedIn = visitor.status !== "SIGNED_OUT";
  return (
    <header className="gh-site-header" lang={locale}>
      <Link className="gh-site-name" href="/">
        {appName}
      </Link>
      <nav aria-label={t.siteNavigation} className="gh-site-nav">
        {signedIn ? (
          <>
            <a href="/dashboard">{t.navDashboard}</a>
            <a href="/account">{t.navAccount}</a>
            <a href="/account/sessions">{t.navSessions}</a>
            <Link href="/account/organizations">{t.navOrganizations}</Link>
            {visitor.status === "SIGNED_IN" && visitor.isAdmin && <a href="/admin">{t.navAdmin}</a>}
          </>
        ) : (
          <>
            <a href={websiteBasePath}>{t.signInTitle}</a>
            <a href={`${websiteBasePath}?show=signup`}>{t.signUpTitle}</a>
          </>
        )}
      </nav>
      {signedIn && (
        <div className="gh-site-user">
          {visitor.status === "SIGNED_IN" && visitor.organizations.length > 0 && (
            <OrganizationSwitcher
              organizations={visitor.organizations}
              activeOrganizationId={visitor.activeOrganizationId}
              apiBasePath={apiBasePath}
              messages={pickMessages(t, ORGANIZATION_SWITCHER_MESSAGES)}
            />
          )}
          {visitor.status === "SIGNED_IN" && visitor.email && (
            <span className="gh-muted" data-testid="user-email" title={visitor.email}>
              {visitor.email}
            </span>
          )}
          <SignOutButton
            apiBasePath={apiBasePath}
            afterSignOut={websiteBasePath}
            messages={pickMessages(t, SIGN_OUT_BUTTON_MESSAGES)}
            variant="secondary"
          />
        </div>
      )}
    </header>
  );
}
