import { afterAll, describe, expect, it, vi } from "vitest";
import { renderToStaticMarkup } from "react-dom/server";
import { createTestEngine } from "../auth/testing/test-engine";
import { setGatehouse } from "../gatehouse";

// The page as a link to it renders it: no state cookie (no sign-in in progress), English.
vi.mock("next/headers", () => ({
  headers: async () => new Headers({ "accept-language": "en" }),
  cookies: async () => ({ get: () => undefined }),
}));

const { default: CallbackPage } = await import("@/app/auth/callback/[provider]/page");

const PHISH = "Your account is locked. Call +1 800 555 0100 to unlock it";

async function render(provider: string, query: Record<string, string>): Promise<string> {
  const element = await CallbackPage({ params: Promise.resolve({ provider }), searchParams: Promise.resolve(query) });
  return renderToStaticMarkup(element);
}

describe("/auth/callback/<provider> opened from someone's link", () => {
  const { ctx } = createTestEngine({
    thirdParty: { customProviders: [{ id: "idp", type: "oidc", name: "Test IdP", issuer: "https://idp.example", clientId: "c", clientSecret: "s" }] },
  });
  setGatehouse(ctx);
  afterAll(() => setGatehouse(undefined));

  it("shows a registered error code and nothing of the error_description", async () => {
    const html = await render("idp", { error: "access_denied", error_description: PHISH });
    expect(html).toContain("access_denied");
    expect(html).not.toContain("Call +1");
  });

  it("does not echo a made-up error as the page's text", async () => {
    const html = await render("idp", { error: PHISH });
    expect(html).not.toContain("Call +1");
    expect(html).toContain("could not be used");
  });

  it("does not echo a made-up provider id as the page's text", async () => {
    const html = await render(encodeURIComponent(PHISH), {});
    expect(html).toContain("Unknown sign-in provider");
    expect(html).not.toContain("Call +1");
  });

  it("answers a provider segment that is not valid percent-encoding with the unknown-provider card", async () => {
    const html = await render("%E0%A4%A", {});
    expect(html).toContain("Unknown sign-in provider");
  });
});
