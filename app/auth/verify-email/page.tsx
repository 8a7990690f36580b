import { devOutboxPath } from "@/lib/email";
import { gatehouse } from "@/lib/gatehouse";
import { uiLanguage } from "@/lib/next/ui-language";
import { VerifyEmail } from "@/lib/ui/verify-email";
import { Brand } from "@/lib/ui/brand";
import { pickMessages } from "@/lib/ui/client-messages";
import { VERIFY_EMAIL_MESSAGES } from "@/lib/ui/email-link-messages";

export const dynamic = "force-dynamic";
// The emailed link carries a token: keep it out of Referer headers, as on the reset page.
export async function generateMetadata() {
  return { title: (await uiLanguage()).messages.verifyEmailTitle, referrer: "no-referrer" as const };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) || null;

export default async function VerifyEmailPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const { appName, apiBasePath, websiteBasePath, ui } = gatehouse().config;
  const { locale, messages } = await uiLanguage();
  return (
    <main lang={locale}>
      <div className="gh-auth">
        <Brand appName={appName} logoUrl={ui.logoUrl} />
        <VerifyEmail
          messages={pickMessages(messages, VERIFY_EMAIL_MESSAGES)}
          token={first(params.token)}
          redirectToPath={first(params.redirectToPath)}
          apiBasePath={apiBasePath}
          websiteBasePath={websiteBasePath}
          devOutboxPath={devOutboxPath()}
        />
      </div>
    </main>
  );
}
