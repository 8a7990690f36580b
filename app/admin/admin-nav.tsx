import Link from "next/link";
import type { Messages } from "@/lib/i18n";

/** The admin dashboard's sections; the current one is marked for screen readers too. */
export function AdminNav({ current, messages: t }: { current: "users" | "organizations"; messages: Messages }) {
  return (
    <nav className="gh-admin-nav" aria-label={t.adminNavigation}>
      <Link href="/admin" aria-current={current === "users" ? "page" : undefined}>
        {t.adminNavUsers}
      </Link>
      <Link href="/admin/organizations" aria-current={current === "organizations" ? "page" : undefined}>
        {t.adminNavOrganizations}
      </Link>
    </nav>
  );
}
