import { gatehouse } from "@/lib/gatehouse";
import { requireSession } from "@/lib/next/get-session";
import { ChangePasswordForm } from "@/lib/ui/change-password-form";
import { SignOutButton } from "@/lib/ui/sign-out-button";
import { normaliseEmail } from "@/lib/auth/emailpassword/validators";

export const dynamic = "force-dynamic";

/** The signed-in user's account: email, verification state, password, and a way to their sessions. */
export default async function AccountPage() {
  const session = await requireSession({ redirectToPath: "/account", checkDatabase: true });
  const { config, stores } = gatehouse();
  const user = await stores.users.getUserById(session.userId);
  // Only an email+password account has a password to change; a provider-only user has none.
  const hasPassword = user?.email ? (await stores.users.findEmailPasswordAccountByEmail(normaliseEmail(user.email)))?.user.id === user.id : false;
  return (
    <main>
      <div className="gh-auth">
        <section className="gh-card" aria-labelledby="account-title">
          <h1 id="account-title" className="gh-title">Your account</h1>
          <dl className="gh-account-details">
            <dt>Email</dt>
            <dd data-testid="account-email">{user?.email ?? "none"}</dd>
            <dt>Verification</dt>
            <dd data-testid="account-verified">
              {user?.emailVerified ? "Verified" : <>Not verified. <a href={`${config.websiteBasePath}/verify-email`}>Verify your email</a></>}
            </dd>
          </dl>
          <p>
            <a href="/account/sessions">Your signed-in devices</a>
          </p>
          <SignOutButton apiBasePath={config.apiBasePath} afterSignOut={config.websiteBasePath} />
        </section>
        {hasPassword && <ChangePasswordForm apiBasePath={config.apiBasePath} />}
      </div>
    </main>
  );
}
