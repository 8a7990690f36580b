/**
 * `ui.locale` names one of lib/i18n's dictionaries (config-ui.ts). An unknown one ("fr", "en-GB")
 * was kept and then passed over by pickLocale at every page, so the UI followed each browser's
 * Accept-Language, silently, where the deployer had fixed one language; `email.locale` was
 * already refused the same way.
 */
import { describe, expect, it } from "vitest";
import { resolveGatehouseConfig } from "./gatehouse";
import { DICTIONARIES } from "./i18n";

describe("ui.locale", () => {
  it.each(["fr", "en-GB", "DE"])("refuses %j at start-up, naming it", (locale) => {
    expect(() => resolveGatehouseConfig({}, { ui: { locale } })).toThrow(
      expect.objectContaining({ code: "CONFIG_INVALID", message: expect.stringContaining("ui.locale") }),
    );
  });

  it.each(Object.keys(DICTIONARIES))("keeps %s", (locale) => {
    expect(resolveGatehouseConfig({}, { ui: { locale } }).ui.locale).toBe(locale);
  });

  it("leaves it unset, and an empty one unset: Accept-Language decides", () => {
    expect(resolveGatehouseConfig({}, {}).ui.locale).toBeUndefined();
    expect(resolveGatehouseConfig({}, { ui: { locale: "" } }).ui.locale).toBeUndefined();
  });
});
