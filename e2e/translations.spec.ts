// The built-in UI in German when the browser asks for it (Accept-Language), English otherwise:
// sign-in/up, password reset, email verification, /account, the sessions page, the third-party
// callback, and the messages the server writes (validators, conflicts).
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { mailboxOf } from "./mailbox";
import { API_BASE, PASSWORD, formFields, freshEmail } from "./support";

async function signUpByApi(page: Page, baseURL: string, email: string) {
  const res = await page.request.post(`${API_BASE}/signup`, {
    headers: { rid: "emailpassword", origin: baseURL },
    data: formFields(email, PASSWORD),
  });
  expect((await res.json()).status).toBe("OK");
}

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

  test("sign-up's field errors are German, from the browser's check and from the server", async ({ page, baseURL }) => {
    const taken = freshEmail("de-taken");
    await signUpByApi(page, baseURL!, taken);
    await page.context().clearCookies();
    await page.goto("/auth?show=signup");
    await page.locator("#email").fill("kein-email");
    await page.locator("#password").fill("kurz1");
    await page.getByRole("button", { name: "Registrieren", exact: true }).click();
    await expect(page.locator("#email-error")).toHaveText("Die E-Mail-Adresse ist ungültig");
    await expect(page.locator("#password-error")).toHaveText("Das Passwort muss mindestens 8 Zeichen lang sein");
    await expect(page.locator("#email")).toBeFocused();

    // The server's own answer (the address is taken), in German too.
    await page.locator("#email").fill(taken);
    await page.locator("#password").fill(PASSWORD);
    await page.getByRole("button", { name: "Registrieren", exact: true }).click();
    await expect(page.locator("#email-error")).toHaveText("Diese E-Mail-Adresse ist schon registriert. Bitte melden Sie sich stattdessen an.");
  });

  test("password reset, both steps, in German", async ({ page, baseURL }) => {
    const email = freshEmail("de-reset");
    await signUpByApi(page, baseURL!, email);
    await page.context().clearCookies();
    await page.goto("/auth");
    await page.getByRole("link", { name: "Passwort vergessen?" }).click();
    await expect(page.getByRole("heading", { name: "Passwort zurücksetzen", level: 1 })).toBeVisible();
    await expect(page.locator("main")).toHaveAttribute("lang", "de");
    await expect(page).toHaveTitle("Passwort zurücksetzen");
    await page.getByLabel("E-Mail", { exact: true }).fill(email);
    await page.getByRole("button", { name: "Link zum Zurücksetzen senden" }).click();
    await expect(page.getByRole("status")).toContainText(`Falls es ein Konto für ${email} gibt`);
    await expect(page.getByRole("link", { name: "Zurück zur Anmeldung" })).toBeVisible();

    const received = await mailboxOf().waitFor(email);
    await page.goto(received.link!);
    await expect(page.getByRole("heading", { name: "Neues Passwort wählen", level: 1 })).toBeVisible();
    await page.getByLabel("Neues Passwort", { exact: true }).fill("Neues-Pferd-88");
    await page.getByLabel("Neues Passwort bestätigen").fill("Anderes-Pferd-88");
    await page.getByRole("button", { name: "Passwort ändern" }).click();
    await expect(page.locator("#confirm-password-error")).toHaveText("Die Passwörter stimmen nicht überein");
    await page.getByLabel("Neues Passwort bestätigen").fill("Neues-Pferd-88");
    await page.getByRole("button", { name: "Passwort ändern" }).click();
    await expect(page.getByRole("heading", { name: "Passwort geändert" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Anmelden" })).toBeVisible();

    // The same link again: used up.
    await page.goto(received.link!);
    await page.getByLabel("Neues Passwort", { exact: true }).fill("Drittes-Pferd-99");
    await page.getByLabel("Neues Passwort bestätigen").fill("Drittes-Pferd-99");
    await page.getByRole("button", { name: "Passwort ändern" }).click();
    await expect(page.getByRole("heading", { name: "Dieser Link funktioniert nicht mehr" })).toBeVisible();
    await expect(page.getByRole("link", { name: "Neuen Link senden" })).toBeVisible();
  });

  test("/account, its sessions page, verify-email and sign-out in German", async ({ page, baseURL }) => {
    await signUpByApi(page, baseURL!, freshEmail("de-account"));
    await page.goto("/account");
    await expect(page.getByRole("heading", { name: "Ihr Konto", level: 1 })).toBeVisible();
    await expect(page.getByTestId("account-verified")).toContainText("Nicht bestätigt.");
    await expect(page.getByRole("link", { name: "E-Mail-Adresse bestätigen" })).toBeVisible();
    await expect(page.getByRole("heading", { name: "Passwort ändern", level: 2 })).toBeVisible();
    await page.getByLabel("Aktuelles Passwort", { exact: true }).fill("nicht-das-Passwort-1");
    await page.getByLabel("Neues Passwort", { exact: true }).fill("Noch-ein-Pferd-43");
    await page.getByLabel("Neues Passwort bestätigen", { exact: true }).fill("Noch-ein-Pferd-43");
    await page.getByRole("button", { name: "Passwort ändern" }).click();
    await expect(page.locator("#current-password-error")).toHaveText("Das aktuelle Passwort stimmt nicht");

    await page.getByRole("link", { name: "Ihre angemeldeten Geräte" }).click();
    await expect(page.getByRole("heading", { name: "Ihre Sitzungen", level: 1 })).toBeVisible();
    await expect(page.getByTestId("session").first()).toContainText("Dieses Gerät");
    await expect(page.getByTestId("session").first()).toContainText("angemeldet am");

    await page.goto("/auth/verify-email");
    await expect(page.getByRole("heading", { name: "E-Mail-Adresse bestätigen", level: 1 })).toBeVisible();
    await expect(page.getByRole("button", { name: "Link erneut senden" })).toBeVisible();
    await expect(page.getByText("Falsches Konto?")).toBeVisible();
    await page.getByRole("button", { name: "Abmelden", exact: true }).click();
    await expect(page).toHaveURL((url) => url.pathname === "/auth");
    await expect(page.getByRole("heading", { name: "Anmelden", level: 1 })).toBeVisible();
  });

  test("an emailed verification link that no longer works, and the third-party callback, in German", async ({ page }) => {
    await page.goto("/auth/verify-email?token=not-a-real-token");
    // Nothing is spent on load: the page asks for the click first.
    await expect(page.getByRole("heading", { name: "Ihre E-Mail-Adresse bestätigen", level: 1 })).toBeVisible();
    await page.getByRole("button", { name: "Meine E-Mail-Adresse bestätigen" }).click();
    await expect(page.getByRole("heading", { name: "Dieser Link funktioniert nicht mehr", level: 1 })).toBeVisible();
    await page.goto("/auth/callback/no-such-provider");
    await expect(page.getByRole("heading", { name: "Unbekannter Anmeldeanbieter", level: 1 })).toBeVisible();
    await expect(page.locator("#callback-error")).toHaveText("Hier ist kein Anbieter namens \u201eno-such-provider\u201c eingerichtet.");
    await expect(page.getByRole("link", { name: "Zurück zur Anmeldung" })).toBeVisible();
  });
});

test.describe("Accept-Language: de-DE, accessibility", () => {
  test.use({ locale: "de-DE" });

  test("the German pages beyond sign-in have no WCAG 2.1 AA violations", async ({ page, baseURL }) => {
    await signUpByApi(page, baseURL!, freshEmail("de-a11y"));
    for (const [path, heading] of [
      ["/auth/reset-password", "Passwort zurücksetzen"],
      ["/auth/reset-password?token=not-a-real-token", "Neues Passwort wählen"],
      ["/account", "Ihr Konto"],
      ["/account/sessions", "Ihre Sitzungen"],
      ["/auth/verify-email", "E-Mail-Adresse bestätigen"],
    ]) {
      await page.goto(path);
      await expect(page.getByRole("heading", { name: heading, level: 1 })).toBeVisible();
      const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
      expect(
        results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
        path,
      ).toEqual([]);
    }
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
