import { describe, expect, it } from "vitest";
import { de } from "./de";
import { en } from "./en";
import { format, messagesFor, pickLocale } from "./index";

describe("UI translations", () => {
  it("picks the configured locale, else the best Accept-Language with a dictionary, else English", () => {
    expect(pickLocale("de-DE,de;q=0.9,en;q=0.8")).toBe("de");
    expect(pickLocale("fr-FR,fr;q=0.9,de;q=0.5")).toBe("de");
    expect(pickLocale("en;q=0.4,de;q=0.8")).toBe("de");
    expect(pickLocale("fr, it")).toBe("en");
    expect(pickLocale(null)).toBe("en");
    expect(pickLocale("de;q=0")).toBe("en");
    expect(pickLocale("de-DE", "en")).toBe("en");
    expect(pickLocale("en", "de")).toBe("de");
    expect(pickLocale("de", "xx")).toBe("de");
  });

  it("an Accept-Language naming an Object.prototype member picks English, not that member", () => {
    // The header is the visitor's: "constructor" must not become the page's locale and dictionary.
    for (const name of ["constructor", "__proto__", "toString", "hasOwnProperty", "valueOf"]) {
      expect(pickLocale(name), name).toBe("en");
      expect(pickLocale(`${name};q=1, de;q=0.5`), name).toBe("de");
      expect(messagesFor(name), name).toBe(en);
    }
  });

  it("German covers every English key with its own text", () => {
    expect(Object.keys(de).sort()).toEqual(Object.keys(en).sort());
    expect(messagesFor("de").signInTitle).toBe("Anmelden");
    expect(messagesFor("zz")).toBe(en);
  });

  it("the passkey recovery answer promises no link: an account with an authenticator gets an email without one", () => {
    expect(en.passkeyRecoverSent).not.toMatch(/link/i);
    expect(de.passkeyRecoverSent).not.toMatch(/link/i);
    expect(format(en.passkeyRecoverSent, { email: "pat@example.com" })).toBe(
      "If an account uses pat@example.com, an email with what to do next is on its way.",
    );
  });

  it("every translation keeps the English text's placeholders", () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const key of Object.keys(en) as (keyof typeof en)[]) {
      expect(placeholders(de[key]), key).toEqual(placeholders(en[key]));
      expect(de[key].trim(), key).not.toBe("");
    }
  });

  it("fills placeholders", () => {
    expect(format(en.continueWith, { provider: "GitHub" })).toBe("Continue with GitHub");
    expect(format("{a} {b}", { a: "x" })).toBe("x {b}");
  });
});
