import { gatehouse } from "@/lib/gatehouse";
import { uiLanguage } from "@/lib/next/ui-language";
import { RefreshAndReturn } from "@/lib/ui/refresh-and-return";

export const dynamic = "force-dynamic";

export default async function RefreshPage({ searchParams }: { searchParams: Promise<{ redirectToPath?: string | string[] }> }) {
  const value = (await searchParams).redirectToPath;
  const { apiBasePath, websiteBasePath } = gatehouse().config;
  const { locale, messages } = await uiLanguage();
  return (
    <main lang={locale}>
      <RefreshAndReturn
        messages={{ refreshingSession: messages.refreshingSession }}
        apiBasePath={apiBasePath}
        websiteBasePath={websiteBasePath}
        redirectToPath={(Array.isArray(value) ? value[0] : value) ?? null}
      />
    </main>
  );
}
