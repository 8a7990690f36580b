// The sign-in/up UI in German when the browser asks for it (Accept-Language), English otherwise.
import { expect, test } from "@playwright/test";
import { PASSWORD, freshEmail } from "./support";

test.describe("Accept-Language: de-DE", () => {
  test.use({ locale: "de-DE" });

  test("/auth is in German, marked lang=de, and its client-side messages are German too", async ({ page }) => {
    await page.goto("/auth");
    await expect(page.getByRole("heading", { name: "Anmelden", level: 1 })).toBeVisible();
    await expect(page.locator(".gh-auth")).toHaveAttribute("lang", "de");
    await expect(page.getByLabel("E-Mail", { exact: true })).toBeVisible();
    await expect(page.getByRole("link", { name: "Konto erstellen" })).toBeVisible();
    await page.getByRole("button", { name: "Passwort anzeigen" }).click();
    await expect(page.getByRole("button", { name: "Passwort verbergen" })).toBeVisible();
    await page.locator("#email").fill(freshEmail("de"));
    await page.locator("#password").fill(PASSWORD);
    await page.getByRole("button", { name: "Anmelden", exact: true }).click();
    await expect(page.locator("#form-error")).toHaveText("E-Mail-Adresse und Passwort passen nicht zusammen");
  });

  test("sign-up shows the German legal links", async ({ page }) => {
    await page.goto("/auth?show=signup");
    await expect(page.getByRole("heading", { name: "Registrieren", level: 1 })).toBeVisible();
    await expect(page.getByTestId("legal-links").getByRole("link", { name: "Nutzungsbedingungen" })).toBeVisible();
  });
});

test.describe("Accept-Language: fr-FR", () => {
  test.use({ locale: "fr-FR" });

  test("a language without a dictionary falls back to English", async ({ page }) => {
    await page.goto("/auth");
    await expect(page.getByRole("heading", { name: "Sign in", level: 1 })).toBeVisible();
    await expect(page.locator(".gh-auth")).toHaveAttribute("lang", "en");
  });
});
