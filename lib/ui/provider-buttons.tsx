import { en, type Messages } from "../i18n/en";
import { format } from "../i18n/index";
import { ProviderLogo } from "./provider-logos";

export interface ProviderButtonsProps {
  /** The enabled providers, in order (`config.thirdParty.providers`, ids and names). */
  providers: { id: string; name: string }[];
  /** Where the auth API lives. @default "/api/auth" */
  apiBasePath?: string;
  /** Where to go after signing in; the callback page keeps it same-origin. */
  redirectToPath?: string | null;
  /** The form the buttons sit under; it names the buttons' group for screen readers. @default "signin" */
  mode?: "signin" | "signup";
  /** The UI's strings (lib/i18n). @default English */
  messages?: Messages;
}

/**
 * "Continue with …" for each enabled provider, with its logo. Plain links to `{apiBasePath}/thirdparty/start`,
 * which seals the sign-in's state into a cookie and redirects to the provider: they work
 * without JavaScript and render on the server. Renders nothing when no provider is enabled.
 */
export function ProviderButtons({ providers, apiBasePath = "/api/auth", redirectToPath, mode = "signin", messages: t = en }: ProviderButtonsProps) {
  if (providers.length === 0) return null;
  const href = (id: string) => {
    const query = new URLSearchParams({ thirdPartyId: id });
    if (redirectToPath) query.set("redirectToPath", redirectToPath);
    return `${apiBasePath}/thirdparty/start?${query}`;
  };
  return (
    <nav className="gh-card gh-providers" aria-label={mode === "signup" ? t.otherAccountsSignUp : t.otherAccounts}>
      <p className="gh-muted">{t.orContinueWith}</p>
      {providers.map((provider) => (
        <a key={provider.id} className="gh-button gh-provider-button" href={href(provider.id)}>
          <ProviderLogo id={provider.id} name={provider.name} />
          {format(t.continueWith, { provider: provider.name })}
        </a>
      ))}
    </nav>
  );
}
