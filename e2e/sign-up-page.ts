// Signing up through the built-in page, as a person would, for specs that need a user of their own.
import { expect, type Page } from "@playwright/test";
import { PASSWORD } from "./support";

/** Signs `email` up on /auth and lands on /dashboard; returns the new user's id. */
export async function signUpInPage(page: Page, email: string): Promise<string> {
  await page.goto("/auth?show=signup&redirectToPath=/dashboard");
  await page.locator("#email").fill(email);
  await page.locator("#password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign up", exact: true }).click();
  await expect(page).toHaveURL((url) => url.pathname === "/dashboard");
  return (await page.getByTestId("user-id").innerText()).trim();
}
