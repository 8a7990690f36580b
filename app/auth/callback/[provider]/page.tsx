import { headers } from "next/headers";
import { findProvider } from "@/lib/auth/thirdparty/providers";
import { gatehouse } from "@/lib/gatehouse";
import { readFlowState } from "@/lib/http/third-party-state-cookie";
import { uiLanguage } from "@/lib/next/ui-language";
import { format } from "@/lib/i18n";
import { pickMessages } from "@/lib/ui/client-messages";
import { CALLBACK_ERROR_MESSAGES, THIRD_PARTY_CALLBACK_MESSAGES } from "@/lib/ui/sign-in-messages";
import { CallbackError, ThirdPartyCallback } from "@/lib/ui/third-party-callback";
import { decodeProviderSegment, noSignInMessage, unknownProviderMessage } from "@/lib/ui/callback-error-text";

export const dynamic = "force-dynamic";

type Params = Promise<{ provider: string }>;
type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? null;

/**
 * Where providers send the browser back (register `<app origin>/auth/callback/<provider id>`).
 * The sealed state cookie is read here first: without it (expired, already used, or a link
 * opened in another browser) nothing is posted, and the page says so, with nothing of the URL
 * echoed as prose (lib/ui/callback-error-text.ts).
 */
export default async function ThirdPartyCallbackPage({ params, searchParams }: { params: Params; searchParams: SearchParams }) {
  const ctx = gatehouse();
  const { websiteBasePath, apiBasePath } = ctx.config;
  const id = decodeProviderSegment((await params).provider);
  const provider = findProvider(ctx.config.thirdParty, id);
  const { locale, messages: t } = await uiLanguage();
  if (!provider) {
    return (
      <main lang={locale}>
        <div className="gh-auth">
          <CallbackError
            title={t.unknownProviderTitle}
            message={unknownProviderMessage(t, id)}
            websiteBasePath={websiteBasePath}
            messages={pickMessages(t, CALLBACK_ERROR_MESSAGES)}
          />
        </div>
      </main>
    );
  }
  const state = await readFlowState(ctx, (await headers()).get("cookie"));
  if (!state || state.thirdPartyId !== provider.id) {
    // Anyone can write this URL: a registered error code is shown, never the provider's free text.
    const message = noSignInMessage(t, provider.name, first((await searchParams).error));
    return (
      <main lang={locale}>
        <div className="gh-auth">
          <CallbackError
            title={format(t.signInWithFailed, { provider: provider.name })}
            message={message}
            websiteBasePath={websiteBasePath}
            messages={pickMessages(t, CALLBACK_ERROR_MESSAGES)}
          />
        </div>
      </main>
    );
  }
  return (
    <main lang={locale}>
      <div className="gh-auth">
        <ThirdPartyCallback
          messages={pickMessages(t, THIRD_PARTY_CALLBACK_MESSAGES)}
          thirdPartyId={provider.id}
          providerName={provider.name}
          apiBasePath={apiBasePath}
          websiteBasePath={websiteBasePath}
          redirectToPath={state.redirectToPath}
          afterSignInPath={gatehouse().config.ui.afterSignInPath}
        />
      </div>
    </main>
  );
}
