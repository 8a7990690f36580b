import { devOutboxPath } from "@/lib/email";
import { gatehouse } from "@/lib/gatehouse";
import { uiLanguage } from "@/lib/next/ui-language";
import { ConfiguredResetPassword } from "@/lib/ui/configured-password-forms";
import { Brand } from "@/lib/ui/brand";
import { pickMessages } from "@/lib/ui/client-messages";
import { RESET_PASSWORD_MESSAGES } from "@/lib/ui/email-link-messages";

export const dynamic = "force-dynamic";
// The URL carries the reset token: never send it on as a Referer (next.config.js also sets the
// Referrer-Policy header on this page; the meta tag covers a deployment that drops it).
export async function generateMetadata() {
  return { title: (await uiLanguage()).messages.resetTitle, referrer: "no-referrer" as const };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ResetPasswordPage({ searchParams }: { searchParams: SearchParams }) {
  const token = (await searchParams).token;
  const { appName, apiBasePath, websiteBasePath, emailPassword, ui } = gatehouse().config;
  const { locale, messages } = await uiLanguage();
  return (
    <main lang={locale}>
      <div className="gh-auth">
        <Brand appName={appName} logoUrl={ui.logoUrl} />
        <ConfiguredResetPassword
          token={(Array.isArray(token) ? token[0] : token) || null}
          apiBasePath={apiBasePath}
          websiteBasePath={websiteBasePath}
          passwordPolicy={emailPassword.passwordPolicy}
          messages={pickMessages(messages, RESET_PASSWORD_MESSAGES)}
          devOutboxPath={devOutboxPath()}
        />
      </div>
    </main>
  );
}
