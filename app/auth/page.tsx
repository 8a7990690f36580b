import { gatehouse } from "@/lib/gatehouse";
import { AuthForm } from "@/lib/ui/auth-form";
import { ProviderButtons } from "@/lib/ui/provider-buttons";

export const dynamic = "force-dynamic";

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) ?? null;

export default async function AuthPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const mode = first(params.show) === "signup" ? "signup" : "signin";
  const redirectToPath = first(params.redirectToPath);
  const { apiBasePath, websiteBasePath, thirdParty } = gatehouse().config;
  const switchParams = new URLSearchParams();
  if (mode === "signin") switchParams.set("show", "signup");
  if (redirectToPath) switchParams.set("redirectToPath", redirectToPath);
  const query = switchParams.toString();
  return (
    <main>
      <div className="gh-auth">
        <AuthForm
          key={mode}
          mode={mode}
          apiBasePath={apiBasePath}
          redirectToPath={redirectToPath}
          switchHref={query ? `${websiteBasePath}?${query}` : websiteBasePath}
          forgotPasswordHref={`${websiteBasePath}/reset-password`}
        />
        <ProviderButtons providers={thirdParty.providers.map(({ id, name }) => ({ id, name }))} apiBasePath={apiBasePath} redirectToPath={redirectToPath} />
      </div>
    </main>
  );
}
