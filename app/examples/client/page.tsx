import { gatehouse } from "@/lib/gatehouse";
import { ClientSessionDemo } from "./client-session-demo";

export const dynamic = "force-dynamic";

/**
 * Example of the browser-side session module (lib/client): the session as the browser knows
 * it, a protected API call through `gatehouseFetch`, and sign-out. Not protected itself: it
 * shows both states. The e2e specs drive it (e2e/client-*.spec.ts).
 */
export default function ClientExamplePage() {
  const { apiBasePath, websiteBasePath } = gatehouse().config;
  return (
    <main>
      <ClientSessionDemo apiBasePath={apiBasePath} websiteBasePath={websiteBasePath} />
    </main>
  );
}
