import { notFound } from "next/navigation";
import { gatehouse } from "@/lib/gatehouse";
import { uiLanguage } from "@/lib/next/ui-language";
import { PasswordlessLink } from "@/lib/ui/passwordless-link";
import { Brand } from "@/lib/ui/brand";
import { pickMessages } from "@/lib/ui/client-messages";
import { PASSWORDLESS_LINK_MESSAGES } from "@/lib/ui/sign-in-messages";

export const dynamic = "force-dynamic";
// The magic link's landing page: its code is in the fragment, but keep the query off any Referer too.
export async function generateMetadata() {
  return { title: (await uiLanguage()).messages.passwordlessLinkTitle, referrer: "no-referrer" as const };
}

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? null;

export default async function PasswordlessLinkPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const { appName, apiBasePath, websiteBasePath, passwordless, ui } = gatehouse().config;
  if (!passwordless.enabled) notFound();
  const { locale, messages } = await uiLanguage();
  return (
    <main lang={locale}>
      <div className="gh-auth">
        <Brand appName={appName} logoUrl={ui.logoUrl} />
        <PasswordlessLink
          preAuthSessionId={first(params.preAuthSessionId) ?? ""}
          apiBasePath={apiBasePath}
          signInPath={websiteBasePath}
          redirectToPath={first(params.redirectToPath)}
          afterSignInPath={ui.afterSignInPath}
          messages={pickMessages(messages, PASSWORDLESS_LINK_MESSAGES)}
        />
      </div>
    </main>
  );
}
