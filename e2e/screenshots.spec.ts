// Screenshots of sign-in, sign-up and /account, light and dark, made by every e2e run. Ordinary
// runs write them to test-results/screenshots (the CI's artefacts), so they never rewrite the
// committed images; E2E_SCREENSHOTS=1 writes the copies in docs/screenshots that README.md and
// docs/ui.md show:
//   E2E_PORT=3270 E2E_SCREENSHOTS=1 npx playwright test e2e/screenshots.spec.ts
import { expect, test } from "@playwright/test";
import { API_BASE, PASSWORD, formFields, freshEmail } from "./support";

const DIR = process.env.E2E_SCREENSHOTS === "1" ? "docs/screenshots" : "test-results/screenshots";

test.use({ viewport: { width: 900, height: 820 }, locale: "en-US" });

for (const scheme of ["light", "dark"] as const) {
  test(`screenshots, ${scheme}`, async ({ page, baseURL }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto("/auth");
    await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeVisible();
    await page.screenshot({ path: `${DIR}/sign-in-${scheme}.png` });

    await page.goto("/auth?show=signup");
    await page.locator("#company").fill("x");
    await expect(page.locator("#company-error")).toBeVisible();
    await page.screenshot({ path: `${DIR}/sign-up-${scheme}.png` });

    const res = await page.request.post(`${API_BASE}/signup`, {
      headers: { rid: "emailpassword", origin: baseURL! },
      data: formFields(freshEmail(`shot-${scheme}`).replace(/e2e-shot-\w+-[0-9a-f-]+/, `ada-${scheme}`), PASSWORD),
    });
    expect((await res.json()).status).toBe("OK");
    await page.goto("/account");
    await expect(page.getByTestId("account-email")).not.toBeEmpty();
    await page.screenshot({ path: `${DIR}/account-${scheme}.png`, fullPage: true });
  });
}
