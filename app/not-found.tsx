import Link from "next/link";
import { gatehouse } from "@/lib/gatehouse";
import { messagesFor, pickLocale } from "@/lib/i18n";

/**
 * The 404 page. Next's built-in one styles itself with inline style attributes and a <style>
 * element, which the pages' Content-Security-Policy refuses (styles from this origin or with
 * the nonce only: lib/security-headers.mjs); this one uses the UI's stylesheet. Like
 * app/forbidden.tsx it speaks `ui.locale` when configured, else English.
 */
export default function NotFound() {
  const locale = pickLocale(null, gatehouse().config.ui.locale);
  const t = messagesFor(locale);
  return (
    <main lang={locale}>
      <div className="gh-card" data-testid="not-found">
        <h1>{t.notFoundTitle}</h1>
        <p className="gh-muted">{t.notFoundBody}</p>
        <Link href="/">{t.backToHome}</Link>
      </div>
    </main>
  );
}
