import Link from "next/link";
import { uiLanguage } from "@/lib/next/ui-language";

/** The 403 page rendered by `forbidden()` (lib/next/require-roles.ts). */
export default async function Forbidden() {
  const { locale, messages: t } = await uiLanguage();
  return (
    <main lang={locale}>
      <div className="gh-card" data-testid="forbidden">
        <h1>{t.forbiddenTitle}</h1>
        <p className="gh-muted">{t.forbiddenBody}</p>
        <Link href="/">{t.backToHome}</Link>
      </div>
    </main>
  );
}
