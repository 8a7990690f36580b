import Link from "next/link";

export default function HomePage() {
  return (
    <main>
      <h1>Gatehouse</h1>
      <p className="gh-muted">Self-hosted authentication inside your Next.js app.</p>
      <ul>
        <li><Link href="/auth">Sign in</Link></li>
        <li><Link href="/auth?show=signup">Sign up</Link></li>
        <li><Link href="/dashboard">Dashboard (protected)</Link></li>
      </ul>
    </main>
  );
}
