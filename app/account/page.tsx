import { gatehouse } from "@/lib/gatehouse";
import { requireSession } from "@/lib/next/get-session";
import { uiLanguage } from "@/lib/next/ui-language";
import { ConfiguredChangePasswordForm } from "@/lib/ui/configured-password-forms";
import { AccountPasskeys } from "@/lib/ui/account-passkeys";
import { SiteHeader } from "../site-header";
import { normaliseEmail } from "@/lib/auth/emailpassword/credential-checks";
import { MfaSecurity } from "@/lib/ui/mfa-security";
import { ACCOUNT_PASSKEYS_MESSAGES, CHANGE_PASSWORD_FORM_MESSAGES, MFA_SECURITY_MESSAGES } from "@/lib/ui/account-messages";
import { pickMessages } from "@/lib/ui/client-messages";
import { stepUpErrors } from "@/lib/auth/mfa/step-up";

export const dynamic = "force-dynamic";

/** The signed-in user's account: email, verification state, password, and a way to their sessions. */
export default async function AccountPage() {
  const session = await requireSession({ redirectToPath: "/account", checkDatabase: true });
  const { config, stores } = gatehouse();
  const user = await stores.users.getUserById(session.userId);
  // Only an email+password account has a password to change; a provider-only user has none.
  const hasPassword = user?.email ? (await stores.users.findEmailPasswordAccountByEmail(normaliseEmail(user.email)))?.user.id === user.id : false;
  const { locale, messages: t } = await uiLanguage();
  // The Security section (MFA on): the verified authenticators and the recovery codes left.
  const devices = config.mfa.enabled ? (await stores.mfa.listTotpDevices(session.userId)).filter((d) => d.verified).map((d) => d.name) : [];
  const recoveryCodesLeft = config.mfa.enabled ? await stores.mfa.countRecoveryCodes(session.userId) : 0;
  // Asked before the passwords are typed: the trip to the MFA page would lose them.
  const passwordStepUpFirst = hasPassword && (await stepUpErrors(gatehouse(), session)) !== null;
  return (
    <>
      <SiteHeader />
      <main>
        <div className="gh-auth" lang={locale}>
          <section className="gh-card" aria-labelledby="account-title">
            <h1 id="account-title" className="gh-title">
              {t.accountTitle}
            </h1>
            <dl className="gh-account-details">
              <dt>{t.email}</dt>
              <dd data-testid="account-email">{user?.email ?? t.noEmail}</dd>
              <dt>{t.verification}</dt>
              <dd data-testid="account-verified">
                {user?.emailVerified ? (
                  t.verified
                ) : (
                  <>
                    {t.notVerified} <a href={`${config.websiteBasePath}/verify-email`}>{t.verifyEmailTitle}</a>
                  </>
                )}
              </dd>
            </dl>
            <p>
              <a href="/account/sessions">{t.yourDevices}</a>
            </p>
          </section>
          {config.webauthn.enabled && user?.email && (
            <AccountPasskeys
              userId={session.userId}
              email={user.email}
              apiBasePath={config.apiBasePath}
              websiteBasePath={config.websiteBasePath}
              locale={locale}
              messages={pickMessages(t, ACCOUNT_PASSKEYS_MESSAGES)}
            />
          )}
          {hasPassword && (
            <ConfiguredChangePasswordForm
              apiBasePath={config.apiBasePath}
              websiteBasePath={config.websiteBasePath}
              passwordPolicy={config.emailPassword.passwordPolicy}
              stepUpFirst={passwordStepUpFirst}
              returnTo="/account"
              messages={pickMessages(t, CHANGE_PASSWORD_FORM_MESSAGES)}
            />
          )}
          {config.mfa.enabled && (
            <MfaSecurity
              apiBasePath={config.apiBasePath}
              websiteBasePath={config.websiteBasePath}
              devices={devices}
              recoveryCodesLeft={recoveryCodesLeft}
              messages={pickMessages(t, MFA_SECURITY_MESSAGES)}
            />
          )}
        </div>
      </main>
    </>
  );
}
