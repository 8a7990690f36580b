import Link from "next/link";
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
          <li>
            <Link href={websiteBasePath}>Sign in</Link>
          </li>
          <li>
            <Link href={`${websiteBasePath}?show=signup`}>Sign up</Link>
          </li>
          <li>
            <Link href="/dashboard">Dashboard (protected)</Link>
          </li>
        </ul>
      </main>
    </>
  );
}
