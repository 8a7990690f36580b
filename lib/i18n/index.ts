import { de } from "./de";
import { en, type Messages } from "./en";

export type { Messages };

/** The shipped dictionaries. Add a language by adding a complete `Messages` here. */
export const DICTIONARIES: Record<string, Messages> = { en, de };

export const DEFAULT_LOCALE = "en";

/**
 * The UI's language: a configured locale wins; otherwise the first language of the
 * `Accept-Language` header (by q-value) that has a dictionary; otherwise English.
 */
export function pickLocale(acceptLanguage: string | null, configured?: string): string {
  if (configured && hasDictionary(configured)) return configured;
  const ranked = (acceptLanguage ?? "")
    .split(",")
    .map((part, index) => {
      const [tag, ...params] = part.trim().split(";");
      const q = Number(
        params
          .find((p) => p.trim().startsWith("q="))
          ?.trim()
          .slice(2) ?? "1",
      );
      return { lang: tag.trim().toLowerCase().split("-")[0], q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((entry) => entry.lang && entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  return ranked.find((entry) => hasDictionary(entry.lang))?.lang ?? DEFAULT_LOCALE;
}

/** Own keys only: the header is the visitor's, and "constructor" or "__proto__" is no language. */
function hasDictionary(locale: string): boolean {
  return Object.hasOwn(DICTIONARIES, locale);
}

export function messagesFor(locale: string): Messages {
  return hasDictionary(locale) ? DICTIONARIES[locale] : en;
}

/** Fills `{name}` placeholders. */
export function format(template: string, values: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => values[name] ?? whole);
}
