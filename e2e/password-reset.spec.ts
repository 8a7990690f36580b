// Password reset through the built-in pages, with the email delivered over real SMTP to the
// e2e server's sink and its link followed in the browser.
import type { Page } from "@playwright/test";
import { expect, test } from "./browser-contexts";
import { mailboxOf } from "./mailbox";
import { PASSWORD, WAIT_FOR_EXPIRY_MS, freshEmail } from "./support";

const NEW_PASSWORD = "Brand-New-Horse-77";
const mailbox = mailboxOf();

async function submitCredentials(page: Page, email: string, password: string, button: "Sign in" | "Sign up") {
  await page.locator("#email").fill(email);
  await page.locator("#password").fill(password);
  await page.getByRole("button", { name: button, exact: true }).click();
}

async function requestReset(page: Page, email: string) {
  await page.goto("/auth");
  await page.getByRole("link", { name: "Forgot password?" }).click();
  await expect(page).toHaveURL((url) => url.pathname === "/auth/reset-password");
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Email me a reset link" }).click();
  await expect(page.getByRole("status")).toContainText("If an account exists for");
}

test("reset via the emailed link, then sign in with the new password: the old one fails, another device is signed out", async ({
  newContext,
  baseURL,
}) => {
  const email = freshEmail("reset");
  const device = await newContext();
  const devicePage = await device.newPage();
  await devicePage.goto("/auth?show=signup&redirectToPath=/dashboard");
  await submitCredentials(devicePage, email, PASSWORD, "Sign up");
  await expect(devicePage).toHaveURL((url) => url.pathname === "/dashboard");

  const context = await newContext();
  const page = await context.newPage();
  await test.step("ask for a reset link from the sign-in form", () => requestReset(page, email));

  const received = await mailbox.waitFor(email);
  expect(received.subject).toBe("Reset your Gatehouse password");
  expect(received.link, "the link is on GATEHOUSE_APP_ORIGIN").toMatch(new RegExp(`^${baseURL}/auth/reset-password\\?token=[\\w-]{43}$`));

  await test.step("the emailed link opens the new-password step, without a Referer", async () => {
    const response = await page.goto(received.link!);
    expect(response?.headers()["referrer-policy"]).toBe("no-referrer");
    await page.getByLabel("New password", { exact: true }).fill(NEW_PASSWORD);
    await page.getByLabel("Confirm the new password").fill(NEW_PASSWORD);
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByRole("heading", { name: "Password changed" })).toBeVisible();
  });

  await test.step("the owner is told by email that the password was reset (sent after the answer, over SMTP)", async () => {
    const notice = await mailbox.waitFor(email, 2);
    expect(notice.subject).toBe("Your Gatehouse password was reset");
    expect(notice.text).toContain("reset through an emailed link");
  });

  await test.step("the old password fails, the new one signs in", async () => {
    await page.getByRole("link", { name: "Sign in" }).click();
    await submitCredentials(page, email, PASSWORD, "Sign in");
    await expect(page.locator("#form-error")).toHaveText("Incorrect email and password combination");
    await page.goto("/auth?redirectToPath=/dashboard");
    await submitCredentials(page, email, NEW_PASSWORD, "Sign in");
    await expect(page).toHaveURL((url) => url.pathname === "/dashboard");
  });

  await test.step("the other device's session was revoked: its refresh fails and it lands on sign-in", async () => {
    await devicePage.waitForTimeout(WAIT_FOR_EXPIRY_MS);
    await devicePage.goto("/dashboard");
    await expect(devicePage).toHaveURL((url) => url.pathname === "/auth");
  });

  await test.step("the link works once", async () => {
    await page.goto(received.link!);
    await page.getByLabel("New password", { exact: true }).fill("Another-Horse-88");
    await page.getByLabel("Confirm the new password").fill("Another-Horse-88");
    await page.getByRole("button", { name: "Change password" }).click();
    await expect(page.getByRole("heading", { name: "This link no longer works" })).toBeVisible();
  });
});

test("an unknown address is answered like a known one, and no email goes out", async ({ page }) => {
  const email = freshEmail("nobody");
  const response = await page.goto("/auth/reset-password");
  expect(response?.headers()["referrer-policy"]).toBe("no-referrer");
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Email me a reset link" }).click();
  await expect(page.getByRole("status")).toContainText(`If an account exists for ${email}`);
  await page.waitForTimeout(1000);
  expect(await mailbox.messagesTo(email)).toEqual([]);
});

test("the dev outbox is absent from a production build", async ({ page }) => {
  const response = await page.goto("/dev/outbox");
  expect(response?.status()).toBe(404);
  await expect(page.getByRole("heading", { name: "Dev outbox" })).toHaveCount(0);
});
