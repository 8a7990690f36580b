// No built-in page scrolls sideways, from a small phone to a desktop, in either theme (issue 23):
// a page wider than the window hides part of a form or a button on a phone.
import { expect, test, type Page } from "@playwright/test";
import { horizontalOverflow } from "./overflow";
import { startOwnServer, type OwnServer, ownPort } from "./own-server";
import { API_BASE, PASSWORD, formFields, freshEmail } from "./support";

// The signed-in pages on a server of their own whose access tokens outlive the test: with the
// suite's 3-second tokens, a page that renders slowly (two cores shared with the other suites)
// found its token expired again after each refresh, and the refresh page's loop guard rightly
// sent the browser to sign in. What is measured here is the layout, not the refresh.
const SIGNED_IN_PORT = ownPort("E2E_NO_OVERFLOW_PORT", 3365);
let signedInServer: OwnServer;
test.beforeAll(async () => {
  signedInServer = await startOwnServer(SIGNED_IN_PORT, { E2E_ACCESS_TOKEN_TTL: "3600" });
});
test.afterAll(async () => {
  await signedInServer?.stop();
});

const WIDTHS = [320, 390, 768, 1440];

const publicPages = [
  "/",
  "/auth",
  "/auth?show=signup",
  "/auth/reset-password",
  "/auth/reset-password?token=not-a-real-token",
  "/auth/verify-email?token=not-a-real-token",
];
// "/admin": the 403 page, for a user without the admin role (admin.spec.ts has the dashboard itself).
const signedInPages = ["/", "/dashboard", "/account", "/account/sessions", "/auth/verify-email", "/admin"];

async function checkAllWidths(page: Page, paths: string[], label: string, origin = "") {
  const found: string[] = [];
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 800 });
    for (const path of paths) {
      await page.goto(`${origin}${path}`);
      await expect(page).toHaveURL((url) => url.pathname === new URL(path, "http://x").pathname);
      await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
      const extra = await horizontalOverflow(page);
      if (extra > 0) found.push(`${label} ${path} at ${width}px: ${extra}px too wide`);
    }
  }
  expect(found).toEqual([]);
}

for (const scheme of ["light", "dark"] as const) {
  test.describe(`${scheme} theme`, () => {
    test.beforeEach(async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
    });

    test("signed-out pages fit every width", async ({ page }) => {
      await checkAllWidths(page, publicPages, scheme);
    });

    test("signed-in pages fit every width", async ({ page }) => {
      const { origin } = signedInServer;
      // A long address: the header and the account page must wrap it, not widen the page.
      const email = freshEmail(`overflow-${scheme}-with-a-rather-long-local-part`);
      const res = await page.request.post(`${origin}${API_BASE}/signup`, {
        headers: { rid: "emailpassword", origin },
        data: formFields(email, PASSWORD),
      });
      expect(res.status()).toBe(200);
      await checkAllWidths(page, signedInPages, scheme, origin);
    });
  });
}
