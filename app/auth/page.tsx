import { headers } from "next/headers";
import { gatehouse } from "@/lib/gatehouse";
import { initialAuthMode, switchAuthModeHref } from "@/lib/ui/auth-mode";
import { ConfiguredAuthForm } from "@/lib/ui/configured-auth-form";
import { messagesFor, pickLocale } from "@/lib/i18n";
import { ProviderButtons } from "@/lib/ui/provider-buttons";
import { PasswordlessForm } from "@/lib/ui/passwordless-form";
import { Brand } from "@/lib/ui/brand";
import { PasskeySignIn } from "@/lib/ui/passkey-sign-in";
import { pickMessages } from "@/lib/ui/client-messages";
import { AUTH_FORM_MESSAGES, PASSKEY_SIGN_IN_MESSAGES, PASSWORDLESS_FORM_MESSAGES } from "@/lib/ui/sign-in-messages";

export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? null;

export default async function AuthPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const { appName, apiBasePath, websiteBasePath, thirdParty, emailPassword, ui, passwordless, webauthn } = gatehouse().config;

  const { defaultToSignUp } = ui;
  const mode = initialAuthMode(first(params.show), defaultToSignUp);
  const redirectToPath = first(params.redirectToPath);
  const locale = pickLocale((await headers()).get("accept-language"), ui.locale);
  const messages = messagesFor(locale);
  // Passwordless sign-in signs up too, so it sits beside both forms (or replaces them). The
  // built-in form asks for an email; a phone-only deployment brings its own (the FDI is the same).
  const passwordlessForm = passwordless.enabled && passwordless.contactMethod !== "PHONE" && (
    <PasswordlessForm
      flowType={passwordless.flowType}
      apiBasePath={apiBasePath}
      redirectToPath={redirectToPath}
      afterSignInPath={ui.afterSignInPath}
      messages={pickMessages(messages, PASSWORDLESS_FORM_MESSAGES)}
    />
  );
  const passwordForm = !passwordless.enabled || passwordless.ui !== "instead";
  return (
    <main>
      <div className="gh-auth" lang={locale}>
        <Brand appName={appName} logoUrl={ui.logoUrl} />
        {passwordForm && (
          <ConfiguredAuthForm
            key={mode}
            mode={mode}
            apiBasePath={apiBasePath}
            redirectToPath={redirectToPath}
            switchHref={switchAuthModeHref(websiteBasePath, mode, defaultToSignUp, redirectToPath)}
            forgotPasswordHref={`${websiteBasePath}/reset-password`}
            termsOfServiceHref={ui.termsOfServiceUrl}
            privacyPolicyHref={ui.privacyPolicyUrl}
            passwordPolicy={emailPassword.passwordPolicy}
            messages={pickMessages(messages, AUTH_FORM_MESSAGES)}
            afterSignInPath={ui.afterSignInPath}
            initialEmail={first(params.email)?.slice(0, 320)}
          />
        )}
        {passwordlessForm}
        {webauthn.enabled && (
          <PasskeySignIn
            apiBasePath={apiBasePath}
            websiteBasePath={websiteBasePath}
            redirectToPath={redirectToPath}
            afterSignInPath={ui.afterSignInPath}
            messages={pickMessages(messages, PASSKEY_SIGN_IN_MESSAGES)}
          />
        )}
        <ProviderButtons
          providers={thirdParty.providers.map(({ id, name }) => ({ id, name }))}
          apiBasePath={apiBasePath}
          redirectToPath={redirectToPath}
          mode={mode}
          messages={messages}
        />
      </div>
    </main>
  );
}
