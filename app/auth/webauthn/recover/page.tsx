import { notFound } from "next/navigation";
import { gatehouse } from "@/lib/gatehouse";
import { uiLanguage } from "@/lib/next/ui-language";
import { pickMessages } from "@/lib/ui/client-messages";
import { PasskeyRecover } from "@/lib/ui/passkey-recover";
import { PASSKEY_RECOVER_MESSAGES } from "@/lib/ui/sign-in-messages";

export const dynamic = "force-dynamic";
// The URL carries the recovery token: never send it on as a Referer.
export async function generateMetadata() {
  return { title: (await uiLanguage()).messages.passkeyRecoverTitle, referrer: "no-referrer" as const };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function PasskeyRecoverPage({ searchParams }: { searchParams: SearchParams }) {
  const token = (await searchParams).token;
  const { apiBasePath, websiteBasePath, webauthn } = gatehouse().config;
  if (!webauthn.enabled) notFound();
  const { locale, messages } = await uiLanguage();
  return (
    <main lang={locale}>
      <PasskeyRecover
        token={(Array.isArray(token) ? token[0] : token) || null}
        apiBasePath={apiBasePath}
        websiteBasePath={websiteBasePath}
        messages={pickMessages(messages, PASSKEY_RECOVER_MESSAGES)}
      />
    </main>
  );
}
