import Link from "next/link";
import { gatehouse } from "@/lib/gatehouse";
import { messagesFor, pickLocale } from "@/lib/i18n";

/**
 * The 403 page rendered by `forbidden()` (lib/next/require-roles.ts). Next renders it into every
 * page's boundaries, so it must not read the request: reading Accept-Language here would make
 * every static page dynamic. It speaks `ui.locale` when configured, else English.
 */
export default function Forbidden() {
  const locale = pickLocale(null, gatehouse().config.ui.locale);
  const t = messagesFor(locale);
  return (
    <main lang={locale}>
      <div className="gh-auth">
        <div className="gh-card" data-testid="forbidden">
          <h1>{t.forbiddenTitle}</h1>
          <p className="gh-muted">{t.forbiddenBody}</p>
          <Link href="/">{t.backToHome}</Link>
        </div>
      </div>
    </main>
  );
}
