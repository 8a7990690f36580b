// The newcomer path on the production build (issue 23), and what a production server says when it
// is opened at an address other than its configured origin: the e2e server's origin is
// http://localhost:<port>, so http://127.0.0.1:<port> is another origin, which a production
// build refuses (only `next dev` accepts its own loopback origin: e2e/newcomer-dev.spec.ts).
import { expect, test } from "@playwright/test";
import { PASSWORD, freshEmail } from "./support";

test("sign up → the header shows the email → account → sessions → sign out", async ({ page }) => {
  const email = freshEmail("newcomer-prod");
  const header = page.getByRole("banner");
  await page.goto("/");
  await header.getByRole("link", { name: "Sign up" }).click();
  await page.locator("#email").fill(email);
  await page.locator("#password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign up", exact: true }).click();
  await expect(page).toHaveURL((url) => url.pathname === "/dashboard");
  await expect(header.getByTestId("user-email")).toHaveText(email);
  await expect(page.getByTestId("dashboard-email")).toHaveText(email);

  await header.getByRole("link", { name: "Account" }).click();
  await expect(page).toHaveURL((url) => url.pathname === "/account");
  await expect(page.getByTestId("account-email")).toHaveText(email);

  await page.getByRole("banner").getByRole("link", { name: "Sessions" }).click();
  await expect(page).toHaveURL((url) => url.pathname === "/account/sessions");
  await expect(page.getByTestId("this-device")).toHaveCount(1);

  await header.getByRole("button", { name: "Sign out", exact: true }).click();
  await expect(page).toHaveURL((url) => url.pathname === "/auth");
  await page.goto("/");
  await expect(header.getByRole("link", { name: "Sign in" })).toBeVisible();
  await expect(header.getByTestId("user-email")).toHaveCount(0);
});

test("opened at another origin, sign-up is refused with a message that says what to set", async ({ page, baseURL }) => {
  const other = baseURL!.replace("//localhost:", "//127.0.0.1:");
  await page.goto(`${other}/auth?show=signup`);
  await page.locator("#email").fill(freshEmail("newcomer-other-origin"));
  await page.locator("#password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign up", exact: true }).click();
  const error = page.locator("#form-error");
  await expect(error).toContainText(other);
  await expect(error).toContainText("GATEHOUSE_APP_ORIGIN");
  await expect(page).toHaveURL((url) => url.pathname === "/auth");
});
