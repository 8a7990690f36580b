// Settings that need a server of their own (e2e/own-server.ts), each started from the same build:
//   - ui.defaultToSignUp (E2E_GATEHOUSE_UI_DEFAULT_TO_SIGN_UP=1: the e2e config overlay, see
//     scripts/e2e-server.mjs), with a third-party provider switched on, so that the sign-up form
//     shows its buttons;
//   - ui.locale (E2E_GATEHOUSE_UI_LOCALE=de), which beats the browser's Accept-Language.
import { expect, test } from "@playwright/test";
import { startOwnServer, type OwnServer, ownPort } from "./own-server";
import { PASSWORD, freshEmail } from "./support";

test.describe("ui.defaultToSignUp with a provider", () => {
  let server: OwnServer;
  test.beforeAll(async () => {
    server = await startOwnServer(ownPort("E2E_SIGN_UP_DEFAULT_PORT", 3351), {
      E2E_GATEHOUSE_UI_DEFAULT_TO_SIGN_UP: "1",
      E2E_GATEHOUSE_GITHUB_CLIENT_ID: "e2e-github-client",
      E2E_GATEHOUSE_GITHUB_CLIENT_SECRET: "e2e-github-secret",
    });
  });
  test.afterAll(async () => server?.stop());

  test("the bare URL opens sign-up, the switch link opens sign-in, and ?show=signin still works", async ({ page }) => {
    await page.goto(`${server.origin}/auth?redirectToPath=%2Fdashboard`);
    await expect(page.getByRole("heading", { name: "Sign up", level: 1 })).toBeVisible();
    await expect(page.locator("#password")).toHaveAttribute("autocomplete", "new-password");
    await page.getByRole("link", { name: "Sign in instead" }).click();
    await expect(page).toHaveURL((url) => url.searchParams.get("show") === "signin" && url.searchParams.get("redirectToPath") === "/dashboard");
    await expect(page.getByRole("heading", { name: "Sign in", level: 1 })).toBeVisible();
    // Back to sign-up: the default needs no ?show.
    await page.getByRole("link", { name: "Create an account" }).click();
    await expect(page).toHaveURL((url) => url.pathname === "/auth" && !url.searchParams.has("show"));
    await expect(page.getByRole("heading", { name: "Sign up", level: 1 })).toBeVisible();

    await page.locator("#email").fill(freshEmail("default-signup"));
    await page.locator("#password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign up", exact: true }).click();
    await expect(page).toHaveURL((url) => url.pathname === "/dashboard");
  });

  test("the provider buttons sit under the sign-up form too, named for it, keeping redirectToPath", async ({ page }) => {
    await page.goto(`${server.origin}/auth?redirectToPath=%2Faccount`);
    const signUpButtons = page.getByRole("navigation", { name: "Sign up with another account" });
    const github = signUpButtons.getByRole("link", { name: "Continue with GitHub" });
    await expect(github).toBeVisible();
    const href = new URL((await github.getAttribute("href"))!, server.origin);
    expect(href.pathname).toBe("/api/auth/thirdparty/start");
    expect(Object.fromEntries(href.searchParams)).toEqual({ thirdPartyId: "github", redirectToPath: "/account" });

    await page.goto(`${server.origin}/auth?show=signin`);
    await expect(
      page.getByRole("navigation", { name: "Sign in with another account" }).getByRole("link", { name: "Continue with GitHub" }),
    ).toBeVisible();
  });
});

test.describe("ui.locale from the config", () => {
  test.use({ locale: "en-US" });
  let server: OwnServer;
  test.beforeAll(async () => {
    server = await startOwnServer(ownPort("E2E_SIGN_UP_DEFAULT_DE_PORT", 3352), { E2E_GATEHOUSE_UI_LOCALE: "de" });
  });
  test.afterAll(async () => server?.stop());

  test("every page is German although the browser asks for English", async ({ page }) => {
    await page.goto(`${server.origin}/auth`);
    await expect(page.getByRole("heading", { name: "Anmelden", level: 1 })).toBeVisible();
    await expect(page.locator(".gh-auth")).toHaveAttribute("lang", "de");
    await page.goto(`${server.origin}/auth/reset-password`);
    await expect(page.getByRole("heading", { name: "Passwort zurücksetzen", level: 1 })).toBeVisible();
    await expect(page.locator("main")).toHaveAttribute("lang", "de");
  });
});
