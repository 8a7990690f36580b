import { headers } from "next/headers";
import { gatehouse } from "../gatehouse";
import { messagesFor, pickLocale, type Messages } from "../i18n";

/**
 * The built-in UI's language for this request: `ui.locale` from the config when set, otherwise
 * the browser's `Accept-Language` (best q-value with a dictionary), otherwise English.
 */
export async function uiLanguage(): Promise<{ locale: string; messages: Messages }> {
  const locale = pickLocale((await headers()).get("accept-language"), gatehouse().config.ui.locale);
  return { locale, messages: messagesFor(locale) };
}
