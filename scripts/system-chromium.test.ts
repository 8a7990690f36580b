import { describe, expect, it } from "vitest";
import { DEBIAN_CHROMIUMS, systemChromium } from "./system-chromium.mjs";

describe("systemChromium", () => {
  const only =
    (...present: string[]) =>
    (candidate: string) =>
      present.includes(candidate);

  it("prefers Debian's headless shell, then its full chromium", () => {
    expect(systemChromium({}, only(...DEBIAN_CHROMIUMS))).toBe("/usr/bin/chromium-headless-shell");
    expect(systemChromium({}, only("/usr/bin/chromium"))).toBe("/usr/bin/chromium");
  });

  it("leaves the choice to Playwright when neither is installed", () => {
    expect(systemChromium({}, only())).toBeUndefined();
  });

  it("E2E_CHROMIUM wins over both", () => {
    expect(systemChromium({ E2E_CHROMIUM: "/opt/chrome/chrome" }, only(...DEBIAN_CHROMIUMS))).toBe("/opt/chrome/chrome");
  });
});
