// /account: email, verification state, change password, a link to the signed-in devices.
import { expect, test } from "@playwright/test";
import { API_BASE, PASSWORD, formFields, freshEmail } from "./support";

test("/account without a session goes to /auth and back", async ({ page }) => {
  await page.goto("/account");
  await expect(page).toHaveURL((url) => url.pathname === "/auth" && url.searchParams.get("redirectToPath") === "/account");
});

test("/account shows the email and its state, and changes the password", async ({ page, baseURL }) => {
  const email = freshEmail("account");
  const res = await page.request.post(`${API_BASE}/signup`, {
    headers: { rid: "emailpassword", origin: baseURL! },
    data: formFields(email, PASSWORD),
  });
  expect((await res.json()).status).toBe("OK");

  await page.goto("/account");
  await expect(page.getByTestId("account-email")).toHaveText(email);
  await expect(page.getByTestId("account-verified")).toContainText("Not verified");
  await expect(page.getByRole("link", { name: "Your signed-in devices" })).toHaveAttribute("href", "/account/sessions");

  await page.getByLabel("Current password", { exact: true }).fill("not-the-password-1");
  await page.getByLabel("New password", { exact: true }).fill("Another-Horse-43");
  await page.getByLabel("Confirm the new password", { exact: true }).fill("Another-Horse-43");
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.locator("#current-password-error")).toHaveText("The current password is not right");
  await expect(page.getByLabel("Current password", { exact: true })).toBeFocused();

  await page.getByLabel("Current password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("status")).toContainText("Your password was changed");

  const again = await page.request.post(`${API_BASE}/signin`, {
    headers: { rid: "emailpassword", origin: baseURL! },
    data: formFields(email, "Another-Horse-43"),
  });
  expect((await again.json()).status).toBe("OK");
});
