// Every built-in page whose emailed link carries a token in its query (and the provider callback
// page, whose query is the provider's answer) answers with
// `Referrer-Policy: no-referrer`: with the site-wide strict-origin-when-cross-origin, the page's
// own requests (its scripts, styles, API calls) still carry the whole URL, token included, as
// Referer, into every access log and CDN log between the browser and the app. The <meta> tag
// some pages carry acts only once the browser has parsed it (and Next may stream a dynamic
// page's metadata); the header covers the page from its first request on.
import type { NextConfig } from "next";
import { NextRequest } from "next/server";
import { afterAll, describe, expect, it } from "vitest";
import { createTestEngine } from "../auth/testing/test-engine";
import { setGatehouse } from "../gatehouse";
import { createSessionProxy } from "./proxy";

/** The built-in pages reached from an email link with a token (lib/auth/email/send-email.ts, invitation-email.ts). */
const TOKEN_PAGES = ["reset-password", "verify-email", "webauthn/recover", "accept-invitation"];
/**
 * The pages that take a `redirectToPath`, which can name a token page: signed out, the invitation
 * page links to sign-in and sign-up with `redirectToPath=/auth/accept-invitation?token=…` (and an
 * expired session goes through /auth/refresh, an incomplete one through /auth/mfa, with it). The
 * token is worth an account: accepting marks the invited address verified for whoever signed up
 * with it.
 */
const INVITATION_RETURN = `redirectToPath=${encodeURIComponent("/auth/accept-invitation?token=secret-invitation-token")}`;
const REDIRECTING_PAGES = ["", "/refresh", "/mfa", "/verify"];
/** Where providers send the browser back with their answer in the query (app/auth/callback/[provider]). */
const CALLBACK_PAGES = ["callback/google?code=c&state=s", "callback/apple?code=c&state=s&id_token=t"];

describe("pages opened from an emailed token link send no Referer", () => {
  it("with the default websiteBasePath: next.config.js", async () => {
    // next.config.js is plain JavaScript without a declaration file: imported by a name TS does not resolve.
    const file = "../../next.config.js";
    const nextConfig = ((await import(file)) as { default: NextConfig }).default;
    const rules = await nextConfig.headers!();
    const noReferrer = rules.filter((rule) => rule.headers.some((h) => h.key === "Referrer-Policy" && h.value === "no-referrer"));
    const sources = noReferrer.map((rule) => rule.source);
    for (const page of TOKEN_PAGES) expect(sources, page).toContain(`/auth/${page}`);
    expect(sources, "provider callback").toContain("/auth/callback/:provider");
    for (const page of REDIRECTING_PAGES) expect(sources, page || "sign-in").toContain(`/auth${page}`);
  });

  describe("with a configured websiteBasePath: the proxy", () => {
    const { ctx } = createTestEngine({ apiBasePath: "/api/identity", websiteBasePath: "/login" });
    setGatehouse(ctx);
    afterAll(() => setGatehouse(undefined));
    const run = createSessionProxy({ protectedPathPrefixes: [] });

    for (const page of TOKEN_PAGES) {
      it(`/login/${page}?token=…`, async () => {
        const response = await run(new NextRequest(`http://localhost:3000/login/${page}?token=x`));
        expect(response.headers.get("referrer-policy")).toBe("no-referrer");
      });
    }

    // The provider's answer is the callback page's query: an authorisation code and state, and
    // from Apple's form POST (turned into the query by POST /callback/apple) its ID token and the
    // user's name and email as well.
    for (const page of CALLBACK_PAGES) {
      it(`/login/${page}`, async () => {
        const response = await run(new NextRequest(`http://localhost:3000/login/${page}`));
        expect(response.headers.get("referrer-policy")).toBe("no-referrer");
      });
    }

    for (const page of REDIRECTING_PAGES) {
      it(`/login${page}?${INVITATION_RETURN}`, async () => {
        const response = await run(new NextRequest(`http://localhost:3000/login${page}?show=signup&${INVITATION_RETURN}`));
        expect(response.headers.get("referrer-policy")).toBe("no-referrer");
      });
    }

    it("not on the other pages", async () => {
      const response = await run(new NextRequest("http://localhost:3000/login/callback"));
      expect(response.headers.get("referrer-policy")).toBeNull();
      const deeper = await run(new NextRequest("http://localhost:3000/login/callback/google/x?code=c"));
      expect(deeper.headers.get("referrer-policy")).toBeNull();
    });
  });
});
