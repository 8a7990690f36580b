import { gatehouse } from "@/lib/gatehouse";
import { requireSession } from "@/lib/next/get-session";
import { uiLanguage } from "@/lib/next/ui-language";
import { MY_SESSIONS_MESSAGES } from "@/lib/ui/account-messages";
import { pickMessages } from "@/lib/ui/client-messages";
import { MySessions } from "@/lib/ui/my-sessions";
import { SiteHeader } from "../../site-header";

export const dynamic = "force-dynamic";

export default async function AccountSessionsPage() {
  await requireSession({ redirectToPath: "/account/sessions", checkDatabase: true });
  const { apiBasePath, websiteBasePath } = gatehouse().config;
  const { locale, messages } = await uiLanguage();
  return (
    <>
      <SiteHeader />
      <main lang={locale}>
        <MySessions apiBasePath={apiBasePath} signInPath={websiteBasePath} messages={pickMessages(messages, MY_SESSIONS_MESSAGES)} locale={locale} />
      </main>
    </>
  );
}
