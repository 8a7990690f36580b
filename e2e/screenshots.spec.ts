// Screenshots of the built-in pages (sign-in, sign-up, password reset, /account, the sessions
// page), light and dark, on a desktop and on a phone, made by every e2e run. Ordinary runs write
// them to test-results/screenshots (the CI's artefacts), so they never rewrite the committed
// images; E2E_SCREENSHOTS=1 writes the copies in docs/screenshots that docs/ui.md shows, with the
// Google and GitHub buttons on (their client ids only switch the buttons on; nothing is called):
//   E2E_PORT=3270 E2E_SCREENSHOTS=1 E2E_GATEHOUSE_GOOGLE_CLIENT_ID=x E2E_GATEHOUSE_GOOGLE_CLIENT_SECRET=x \
//     E2E_GATEHOUSE_GITHUB_CLIENT_ID=x E2E_GATEHOUSE_GITHUB_CLIENT_SECRET=x npx playwright test e2e/screenshots.spec.ts
import { expect, test } from "@playwright/test";
import { API_BASE, PASSWORD, formFields } from "./support";

const DIR = process.env.E2E_SCREENSHOTS === "1" ? "docs/screenshots" : "test-results/screenshots";

const DEVICES = {
  desktop: { viewport: { width: 1280, height: 860 }, suffix: "" },
  phone: { viewport: { width: 390, height: 844 }, suffix: "-phone" },
} as const;

test.use({ locale: "en-US" });

for (const [device, { viewport, suffix }] of Object.entries(DEVICES)) {
  for (const scheme of ["light", "dark"] as const) {
    test(`screenshots, ${device}, ${scheme}`, async ({ page, baseURL }) => {
      await page.setViewportSize(viewport);
      await page.emulateMedia({ colorScheme: scheme, reducedMotion: "reduce" });
      const shot = (name: string) => page.screenshot({ path: `${DIR}/${name}-${scheme}${suffix}.png`, fullPage: true });

      await page.goto("/auth");
      await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeVisible();
      await shot("sign-in");

      await page.goto("/auth?show=signup");
      await page.locator("#company").fill("x");
      await expect(page.locator("#company-error")).toBeVisible();
      await shot("sign-up");

      await page.goto("/auth/reset-password");
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await shot("reset-password");

      // One readable address in every picture: the first test signs it up, the others sign in.
      const credentials = { headers: { rid: "emailpassword", origin: baseURL! }, data: formFields("ada@example.com", PASSWORD) };
      const signUp = await (await page.request.post(`${API_BASE}/signup`, credentials)).json();
      if (signUp.status !== "OK") expect((await (await page.request.post(`${API_BASE}/signin`, credentials)).json()).status).toBe("OK");
      await page.goto("/account");
      await expect(page.getByTestId("account-email")).not.toBeEmpty();
      await shot("account");

      await page.goto("/account/sessions");
      await expect(page.getByTestId("session-list")).toBeVisible();
      await shot("sessions");
    });
  }
}
