import { gatehouse } from "@/lib/gatehouse";
import { VerifyEmail } from "@/lib/ui/verify-email";

export const dynamic = "force-dynamic";
// The emailed link carries a token: keep it out of Referer headers, as on the reset page.
export const metadata = { title: "Verify your email", referrer: "no-referrer" as const };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value) || null;

export default async function VerifyEmailPage({ searchParams }: { searchParams: SearchParams }) {
  const params = await searchParams;
  const { apiBasePath, websiteBasePath } = gatehouse().config;
  return (
    <main>
      <VerifyEmail
        token={first(params.token)}
        redirectToPath={first(params.redirectToPath)}
        apiBasePath={apiBasePath}
        websiteBasePath={websiteBasePath}
      />
    </main>
  );
}
