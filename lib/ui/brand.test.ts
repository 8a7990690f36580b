import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { Brand } from "./brand";

describe("Brand", () => {
  it("is the app's name alone without a logo", () => {
    expect(renderToStaticMarkup(createElement(Brand, { appName: "Acme" }))).toBe('<p class="gh-brand" data-testid="brand"><span>Acme</span></p>');
  });

  it("shows the configured logo beside the name, as decoration (the name is its text)", () => {
    const html = renderToStaticMarkup(createElement(Brand, { appName: "Acme", logoUrl: "/logo.svg" }));
    expect(html).toContain('<img src="/logo.svg" alt="" data-testid="brand-logo"/><span>Acme</span>');
  });
});
