import { gatehouse } from "@/lib/gatehouse";
import { ResetPassword } from "@/lib/ui/reset-password";

export const dynamic = "force-dynamic";
// The URL carries the reset token: never send it on as a Referer (next.config.js also sets the
// Referrer-Policy header on this page; the meta tag covers a deployment that drops it).
export const metadata = { title: "Reset your password", referrer: "no-referrer" as const };

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

export default async function ResetPasswordPage({ searchParams }: { searchParams: SearchParams }) {
  const token = (await searchParams).token;
  const { apiBasePath, websiteBasePath } = gatehouse().config;
  return (
    <main>
      <ResetPassword token={(Array.isArray(token) ? token[0] : token) || null} apiBasePath={apiBasePath} websiteBasePath={websiteBasePath} />
    </main>
  );
}
