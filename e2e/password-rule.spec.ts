// The deployer's own password rule (lib/config/validators.ts: the built-in policy, plus "leave the
// app's name out") runs in the browser as you type, on sign-up, reset and change password, and
// again on the server, which refuses a request that skipped the browser's check.
import { expect, test, type Page } from "@playwright/test";
import { API_BASE, PASSWORD, formFields, freshEmail } from "./support";

const RULE = "Leave the app's name out of your password";

/** Counts the browser's requests to one API path. */
function countRequests(page: Page, path: string) {
  const counter = { count: 0 };
  page.on("request", (req) => {
    if (new URL(req.url()).pathname === `${API_BASE}${path}`) counter.count += 1;
  });
  return counter;
}

test("sign-up: the rule's message shows as you type, and a refused password is never sent", async ({ page }) => {
  const signUps = countRequests(page, "/signup");
  await page.goto("/auth?show=signup");
  await page.locator("#email").fill(freshEmail("rule"));
  // Not yet the minimum length: nothing is said while typing.
  await page.locator("#password").pressSequentially("my-gate");
  await expect(page.locator("#password-error")).toHaveCount(0);
  // Long enough, no digit: the built-in policy speaks first.
  await page.locator("#password").pressSequentially("house");
  await expect(page.locator("#password-error")).toHaveText("Password must contain at least one number");
  // The digit satisfies the policy; the deployer's rule now speaks.
  await page.locator("#password").pressSequentially("1");
  await expect(page.locator("#password-error")).toHaveText(RULE);
  await expect(page.locator("#password")).toHaveAttribute("aria-invalid", "true");

  await page.getByRole("button", { name: "Sign up", exact: true }).click();
  await expect(page.locator("#password")).toBeFocused();
  await expect(page.locator("#password-error")).toHaveText(RULE);
  expect(signUps.count).toBe(0);

  await page.locator("#password").fill(PASSWORD);
  await expect(page.locator("#password-error")).toHaveCount(0);
  await page.getByRole("button", { name: "Sign up", exact: true }).click();
  await expect(page).toHaveURL((url) => url.pathname === "/dashboard");
  expect(signUps.count).toBe(1);
});

test("sign-up by a direct request that skips the browser: FIELD_ERROR for the password", async ({ request, baseURL }) => {
  const res = await request.post(`${API_BASE}/signup`, {
    headers: { rid: "emailpassword", origin: baseURL! },
    data: formFields(freshEmail("rule-api"), "Gatehouse-2024"),
  });
  expect(await res.json()).toEqual({ status: "FIELD_ERROR", formFields: [{ id: "password", error: RULE }] });
});

test("change password on /account: the rule in the browser, and on the server for a direct request", async ({ page, baseURL }) => {
  const email = freshEmail("rule-change");
  const res = await page.request.post(`${API_BASE}/signup`, {
    headers: { rid: "emailpassword", origin: baseURL! },
    data: formFields(email, PASSWORD),
  });
  expect((await res.json()).status).toBe("OK");
  const changes = countRequests(page, "/user/password/change");

  await page.goto("/account");
  await page.getByLabel("Current password", { exact: true }).fill(PASSWORD);
  await page.getByLabel("New password", { exact: true }).pressSequentially("GATEHOUSE-77");
  await expect(page.locator("#new-password-error")).toHaveText(RULE);
  await page.getByLabel("Confirm the new password", { exact: true }).fill("GATEHOUSE-77");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByLabel("New password", { exact: true })).toBeFocused();
  expect(changes.count).toBe(0);

  // The steps above may outlast the 3-second access token: refresh first, so the answer below is
  // the password rule's, not "try refresh token".
  const refreshed = await page.request.post(`${API_BASE}/session/refresh`, { headers: { rid: "session", origin: baseURL! } });
  expect(refreshed.status()).toBe(200);
  const direct = await page.request.post(`${API_BASE}/user/password/change`, {
    headers: { rid: "emailpassword", origin: baseURL! },
    data: { oldPassword: PASSWORD, newPassword: "GATEHOUSE-77" },
  });
  expect(await direct.json()).toEqual({ status: "FIELD_ERROR", formFields: [{ id: "newPassword", error: RULE }] });
});

test("reset password: the rule shows on the new-password step before anything is sent", async ({ page }) => {
  const resets = countRequests(page, "/user/password/reset");
  await page.goto("/auth/reset-password?token=not-a-real-token");
  await page.getByLabel("New password", { exact: true }).pressSequentially("my-gatehouse-5");
  await expect(page.locator("#new-password-error")).toHaveText(RULE);
  await page.getByLabel("Confirm the new password").fill("my-gatehouse-5");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.locator("#new-password-error")).toHaveText(RULE);
  expect(resets.count).toBe(0);
});
