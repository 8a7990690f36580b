import { gatehouse } from "@/lib/gatehouse";
import { ADMIN_ROLE } from "@/lib/http/admin-auth";
import { requireRoles } from "@/lib/next/require-roles";
import { uiLanguage } from "@/lib/next/ui-language";
import { USER_DETAIL_MESSAGES } from "@/lib/ui/admin/admin-messages";
import { UserDetail } from "@/lib/ui/admin/user-detail";
import { pickMessages } from "@/lib/ui/client-messages";

export const dynamic = "force-dynamic";

/** One user in the admin dashboard; `admin` sessions only, checked against the database. */
export default async function AdminUserPage({ params }: { params: Promise<{ userId: string }> }) {
  const { userId } = await params;
  await requireRoles({ redirectToPath: `/admin/users/${encodeURIComponent(userId)}`, roles: [ADMIN_ROLE], checkDatabase: true });
  const { apiBasePath, websiteBasePath } = gatehouse().config;
  const { locale, messages: t } = await uiLanguage();
  return (
    <>
      <p>
        <a href="/admin">{t.adminAllUsers}</a>
      </p>
      <UserDetail
        userId={userId}
        apiBasePath={apiBasePath}
        signInPath={websiteBasePath}
        messages={pickMessages(t, USER_DETAIL_MESSAGES)}
        locale={locale}
      />
    </>
  );
}
