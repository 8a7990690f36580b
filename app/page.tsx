import { gatehouse } from "@/lib/gatehouse";
import { SiteHeader } from "./site-header";

// Rendered per request: the sign-in links follow websiteBasePath, which is read at run time.
export const dynamic = "force-dynamic";

export default function HomePage() {
  const { websiteBasePath } = gatehouse().config;
  return (
    <>
      <SiteHeader />
      <main>
        <h1>Gatehouse</h1>
        <p className="gh-muted">Self-hosted authentication inside your Next.js app.</p>
        <ul>
          <li><a href={websiteBasePath}>Sign in</a></li>
          <li><a href={`${websiteBasePath}?show=signup`}>Sign up</a></li>
          <li><a href="/dashboard">Dashboard (protected)</a></li>
        </ul>
      </main>
    </>
  );
}
