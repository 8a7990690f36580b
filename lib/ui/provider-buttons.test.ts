import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ProviderButtons } from "./provider-buttons";

const render = (providers: { id: string; name: string }[]) =>
  renderToStaticMarkup(createElement(ProviderButtons, { providers, apiBasePath: "/api/auth", redirectToPath: "/dashboard" }));

describe("ProviderButtons", () => {
  it("draws each built-in provider's logo inline, hidden from screen readers", () => {
    const html = render([
      { id: "google", name: "Google" },
      { id: "github", name: "GitHub" },
    ]);
    const buttons = html.match(/<a [^>]*>.*?<\/a>/g) ?? [];
    expect(buttons).toHaveLength(2);
    for (const button of buttons) {
      expect(button).toMatch(/<svg class="gh-provider-logo"[^>]*aria-hidden="true"/);
      expect(button).toContain('class="gh-button gh-provider-button"');
    }
    // Google's four colours, GitHub's mark in the text colour (both themes).
    expect(buttons[0]).toContain("#4285F4");
    expect(buttons[1]).toContain('fill="currentColor"');
    expect(buttons[0]).toContain("Continue with Google");
    expect(buttons[0]).toContain('href="/api/auth/thirdparty/start?thirdPartyId=google&amp;redirectToPath=%2Fdashboard"');
  });

  it("loads nothing from elsewhere: no <img>, no external URL", () => {
    const html = render(["google", "github", "microsoft", "facebook", "twitter"].map((id) => ({ id, name: id })));
    expect(html).not.toContain("<img");
    expect(html).not.toMatch(/(src|href)="https?:/);
  });

  it("gives a provider without a logo (custom OIDC) its initial", () => {
    const html = render([{ id: "corp-sso", name: "corp SSO" }]);
    expect(html).not.toContain("<svg");
    expect(html).toMatch(/<span class="gh-provider-logo gh-provider-initial" aria-hidden="true"[^>]*>C<\/span>Continue with corp SSO/);
  });

  it("renders nothing without providers", () => {
    expect(render([])).toBe("");
  });
});
