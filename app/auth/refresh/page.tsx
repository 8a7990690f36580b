import { gatehouse } from "@/lib/gatehouse";
import { uiLanguage } from "@/lib/next/ui-language";
import { pickMessages } from "@/lib/ui/client-messages";
import { RefreshAndReturn } from "@/lib/ui/refresh-and-return";
import { REFRESH_AND_RETURN_MESSAGES } from "@/lib/ui/sign-in-messages";

export const dynamic = "force-dynamic";

export default async function RefreshPage({ searchParams }: { searchParams: Promise<{ redirectToPath?: string | string[] }> }) {
  const value = (await searchParams).redirectToPath;
  const { apiBasePath, websiteBasePath } = gatehouse().config;
  const { locale, messages } = await uiLanguage();
  return (
    <main lang={locale}>
      <RefreshAndReturn
        messages={pickMessages(messages, REFRESH_AND_RETURN_MESSAGES)}
        apiBasePath={apiBasePath}
        websiteBasePath={websiteBasePath}
        redirectToPath={(Array.isArray(value) ? value[0] : value) ?? null}
      />
    </main>
  );
}
