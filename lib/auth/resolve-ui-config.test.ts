import { describe, expect, it } from "vitest";
import { resolveUiOptions } from "./resolve-ui-config";

describe("resolveUiOptions: logoUrl", () => {
  it("is unset by default: the app name alone", () => {
    expect(resolveUiOptions({}).logoUrl).toBeUndefined();
  });

  it("takes a path on this site or a data:image URL", () => {
    expect(resolveUiOptions({ logoUrl: "/logo.svg" }).logoUrl).toBe("/logo.svg");
    expect(resolveUiOptions({ logoUrl: "data:image/svg+xml;base64,PHN2Zy8+" }).logoUrl).toBe("data:image/svg+xml;base64,PHN2Zy8+");
  });

  // The CSP's img-src is 'self' data:, so anything else would be a broken image on every page.
  it.each(["https://cdn.example.com/logo.svg", "//cdn.example.com/logo.svg", "/\\cdn.example.com/logo.svg", "logo.svg", "javascript:alert(1)"])(
    "refuses %s at start-up",
    (logoUrl) => {
      expect(() => resolveUiOptions({ logoUrl })).toThrow(/ui\.logoUrl must be a path on this site/);
    },
  );
});

describe("resolveUiOptions: theme", () => {
  // An unknown theme went into data-gh-theme as it was, which the CSS reads as no forced theme:
  // "Dark" followed the browser's prefers-color-scheme, silently, where one theme was asked for.
  it.each(["Dark", "blue", ""])("refuses %j at start-up, naming it", (theme) => {
    expect(() => resolveUiOptions({ theme: theme as never })).toThrow(
      expect.objectContaining({ code: "CONFIG_INVALID", message: expect.stringContaining("ui.theme") }),
    );
  });

  it.each(["system", "light", "dark"] as const)("keeps %s", (theme) => {
    expect(resolveUiOptions({ theme }).theme).toBe(theme);
  });
});

describe("resolveUiOptions: termsOfServiceUrl and privacyPolicyUrl", () => {
  it.each(["/terms", "https://example.com/legal/terms", "http://localhost:3000/privacy"])("keeps %s", (url) => {
    expect(resolveUiOptions({ termsOfServiceUrl: url, privacyPolicyUrl: url })).toMatchObject({ termsOfServiceUrl: url, privacyPolicyUrl: url });
  });

  // Rendered as the sign-up form's href: React turns a javascript: URL into one that throws and
  // browsers refuse to open data: pages, so such a link was dead on every sign-up page, silently.
  it.each(["javascript:alert(1)", "data:text/html,<p>terms</p>", "vbscript:x", "//evil.example/terms", "terms.html", " https://example.com"])(
    "refuses %j at start-up, naming the option",
    (url) => {
      expect(() => resolveUiOptions({ termsOfServiceUrl: url })).toThrow(/ui\.termsOfServiceUrl must be/);
      expect(() => resolveUiOptions({ privacyPolicyUrl: url })).toThrow(/ui\.privacyPolicyUrl must be/);
    },
  );
});
