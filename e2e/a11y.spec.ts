// axe-core's WCAG 2.0/2.1 A and AA rules on every built-in page, in the light and the dark theme,
// signed out and signed in, and with error messages on screen.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { API_BASE, PASSWORD, formFields, freshEmail } from "./support";

const WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

async function expectNoViolations(page: Page, label: string) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze();
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(summary, `${label}: ${summary.join("\n")}`).toEqual([]);
}

const publicPages = [
  "/",
  "/auth",
  "/auth?show=signup",
  "/auth/reset-password",
  "/auth/reset-password?token=not-a-real-token",
  "/auth/verify-email?token=not-a-real-token",
  "/examples/embedded-sign-in",
];
const signedInPages: { path: string; ready: (page: Page) => Promise<void> }[] = [
  // The header's signed-in links (its email only while the 3-second access token is fresh).
  { path: "/", ready: (page) => expect(page.getByRole("banner").getByRole("link", { name: "Account" })).toBeVisible() },
  { path: "/dashboard", ready: (page) => expect(page.getByTestId("user-id")).not.toBeEmpty() },
  { path: "/account", ready: (page) => expect(page.getByTestId("account-email")).not.toBeEmpty() },
  { path: "/account/sessions", ready: (page) => expect(page.getByTestId("session-list")).toBeVisible() },
  { path: "/auth/verify-email", ready: (page) => expect(page.getByRole("heading", { level: 1 })).toBeVisible() },
];

for (const scheme of ["light", "dark"] as const) {
  test.describe(`${scheme} theme`, () => {
    test.beforeEach(async ({ page }) => {
      await page.emulateMedia({ colorScheme: scheme });
    });

    for (const path of publicPages) {
      test(`${path} has no WCAG 2.1 AA violations`, async ({ page }) => {
        await page.goto(path);
        await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
        await expectNoViolations(page, `${scheme} ${path}`);
      });
    }

    test("signed-in pages have no WCAG 2.1 AA violations", async ({ page, baseURL }) => {
      const res = await page.request.post(`${API_BASE}/signup`, {
        headers: { rid: "emailpassword", origin: baseURL! },
        data: formFields(freshEmail(`a11y-${scheme}`), PASSWORD),
      });
      expect((await res.json()).status).toBe("OK");
      for (const { path, ready } of signedInPages) {
        await page.goto(path);
        await ready(page);
        await expectNoViolations(page, `${scheme} ${path}`);
      }
    });

    test("forms showing errors have no WCAG 2.1 AA violations", async ({ page }) => {
      await page.goto("/auth?show=signup");
      await page.locator("#email").fill("not-an-email");
      await page.locator("#password").fill("short");
      await page.locator("#company").fill("x");
      await page.locator("#email").focus();
      await expect(page.locator("#company-error")).toBeVisible();
      await page.locator("#company").fill("Acme");
      await page.getByRole("button", { name: "Sign up", exact: true }).click();
      await expect(page.locator("#email-error")).toBeVisible();
      await expectNoViolations(page, `${scheme} sign-up errors`);

      await page.goto("/auth");
      await page.locator("#email").fill(freshEmail("a11y-wrong"));
      await page.locator("#password").fill(PASSWORD);
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      await expect(page.locator("#form-error")).toBeVisible();
      await expectNoViolations(page, `${scheme} sign-in error`);
    });
  });
}

test.describe("German", () => {
  test.use({ locale: "de-DE" });

  test("/auth and /auth?show=signup in German have no WCAG 2.1 AA violations", async ({ page }) => {
    for (const path of ["/auth", "/auth?show=signup"]) {
      await page.goto(path);
      await expect(page.locator(".gh-auth")).toHaveAttribute("lang", "de");
      await expectNoViolations(page, `de ${path}`);
    }
  });
});
