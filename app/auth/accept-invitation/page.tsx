import Link from "next/link";
import { redirect } from "next/navigation";
import { isSameMailbox } from "@/lib/auth/organizations/email-domains";
import { describeInvitation } from "@/lib/auth/organizations/invitations";
import { format } from "@/lib/i18n";
import { gatehouse } from "@/lib/gatehouse";
import { authRedirectPath } from "@/lib/next/auth-redirect";
import { getSession } from "@/lib/next/get-session";
import { uiLanguage } from "@/lib/next/ui-language";
import { AcceptInvitation } from "@/lib/ui/accept-invitation";
import { Brand } from "@/lib/ui/brand";
import { roleName } from "@/lib/ui/organization-api";
import { pickMessages, SIGN_OUT_BUTTON_MESSAGES } from "@/lib/ui/client-messages";
import { ACCEPT_INVITATION_MESSAGES } from "@/lib/ui/organization-messages";
import { SignOutButton } from "@/lib/ui/sign-out-button";

export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

/**
 * Where an invitation email's link lands (`{websiteBasePath}/accept-invitation?token=…`). Signed
 * out: what the invitation is, and sign-in / sign-up with the invited address, coming back here.
 * Signed in with that address: a button that joins. Reading the invitation uses nothing up.
 */
export default async function AcceptInvitationPage({ searchParams }: { searchParams: SearchParams }) {
  const value = (await searchParams).token;
  const token = (Array.isArray(value) ? value[0] : value) ?? "";
  const ctx = gatehouse();
  const { appName, apiBasePath, websiteBasePath, ui } = ctx.config;
  const [invitation, session, { locale, messages: t }] = await Promise.all([describeInvitation(ctx, token), getSession(), uiLanguage()]);
  const here = `${websiteBasePath}/accept-invitation?token=${encodeURIComponent(token)}`;
  // An expired access token: refresh in the browser (it holds the refresh cookie) and come back.
  if (invitation.status === "OK" && session.status === "TRY_REFRESH_TOKEN_ERROR") {
    redirect(authRedirectPath(session.status, { websiteBasePath, redirectToPath: here })!);
  }

  let body;
  if (invitation.status !== "OK") {
    body = (
      <>
        <h1 id="invitation-title" className="gh-title">
          {t.acceptNotOpenTitle}
        </h1>
        <p className="gh-muted">{t.acceptNotOpen}</p>
        <Link href="/">{t.backToHome}</Link>
      </>
    );
  } else {
    const { organizationId, organizationName, email } = invitation;
    const role = roleName(invitation.role, t);
    const user = session.status === "OK" ? await ctx.stores.users.getUserById(session.session.userId) : null;
    const withEmail = (show: string) => `${websiteBasePath}?${new URLSearchParams({ show, email, redirectToPath: here }).toString()}`;
    body = (
      <>
        <h1 id="invitation-title" className="gh-title">
          {format(t.acceptTitle, { organization: organizationName })}
        </h1>
        <p data-testid="invitation-summary">{format(t.acceptInvited, { email, organization: organizationName, role })}</p>
        {!user ? (
          <>
            <p className="gh-muted">{format(t.acceptSignInFirst, { email })}</p>
            <p className="gh-accept-links">
              <a className="gh-button" href={withEmail("signup")}>
                {t.acceptCreateAccount}
              </a>{" "}
              <a className="gh-button-secondary" href={withEmail("signin")}>
                {t.acceptSignIn}
              </a>
            </p>
          </>
        ) : !user.email || !isSameMailbox(user.email, email) ? (
          <>
            <p className="gh-error" role="alert">
              {format(t.acceptEmailMismatch, { email: user.email ?? user.id, invited: email })}
            </p>
            <SignOutButton apiBasePath={apiBasePath} afterSignOut={here} messages={pickMessages(t, SIGN_OUT_BUTTON_MESSAGES)} variant="secondary" />
          </>
        ) : (
          <AcceptInvitation
            token={token}
            organizationId={organizationId}
            organizationName={organizationName}
            role={invitation.role}
            apiBasePath={apiBasePath}
            messages={pickMessages(t, ACCEPT_INVITATION_MESSAGES)}
          />
        )}
      </>
    );
  }
  return (
    <main>
      <div className="gh-auth" lang={locale}>
        <Brand appName={appName} logoUrl={ui.logoUrl} />
        <section className="gh-card" aria-labelledby="invitation-title" data-testid="invitation">
          {body}
        </section>
      </div>
    </main>
  );
}
