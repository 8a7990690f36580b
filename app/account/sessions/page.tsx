import { gatehouse } from "@/lib/gatehouse";
import { requireSession } from "@/lib/next/get-session";
import { MySessions } from "@/lib/ui/my-sessions";

export const dynamic = "force-dynamic";

export default async function AccountSessionsPage() {
  await requireSession({ redirectToPath: "/account/sessions", checkDatabase: true });
  const { apiBasePath, websiteBasePath } = gatehouse().config;
  return (
    <main>
      <MySessions apiBasePath={apiBasePath} signInPath={websiteBasePath} />
    </main>
  );
}
