import { gatehouse } from "@/lib/gatehouse";
import { getSession, sessionOrRedirect } from "@/lib/next/get-session";
import { uiLanguage } from "@/lib/next/ui-language";
import { safeRedirectPath } from "@/lib/auth/safe-redirect";
import { factorsSetUpFor } from "@/lib/auth/mfa/mfa-claim";
import { MfaChallenge } from "@/lib/ui/mfa-challenge";
import { TotpSetup } from "@/lib/ui/totp-setup";
import { MFA_CHALLENGE_MESSAGES, TOTP_SETUP_MESSAGES } from "@/lib/ui/account-messages";
import { pickMessages } from "@/lib/ui/client-messages";

export const dynamic = "force-dynamic";

export async function generateMetadata() {
  return { title: (await uiLanguage()).messages.mfaTitle };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) || null;

/** The second factor: a code (or a recovery code), or setting one up when required and none is. */
export default async function MfaPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const ctx = gatehouse();
  const { apiBasePath, websiteBasePath, ui } = ctx.config;
  const redirectToPath = safeRedirectPath(first(params.redirectToPath) ?? ui.afterSignInPath);
  // Back here after a refresh, step-up included: "Confirm it is you" clicked with an expired
  // access token must not come back as a plain second-factor page.
  const stepUp = first(params.stepUp);
  const back = new URLSearchParams(stepUp === null ? { redirectToPath } : { redirectToPath, stepUp });
  const session = sessionOrRedirect(await getSession(), `${websiteBasePath}/mfa?${back}`);
  const setUp = await factorsSetUpFor(ctx, session.userId);
  const { locale, messages } = await uiLanguage();
  return (
    <main lang={locale}>
      <div className="gh-auth">
        {setUp.length > 0 ? (
          <MfaChallenge
            apiBasePath={apiBasePath}
            redirectToPath={redirectToPath}
            stepUp={stepUp !== null}
            messages={pickMessages(messages, MFA_CHALLENGE_MESSAGES)}
          />
        ) : (
          <TotpSetup apiBasePath={apiBasePath} continueTo={redirectToPath} messages={pickMessages(messages, TOTP_SETUP_MESSAGES)} />
        )}
      </div>
    </main>
  );
}
