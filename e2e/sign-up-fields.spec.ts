// Extra sign-up fields from config (lib/config/sign-up-fields.ts: an optional "company" with a
// validator), the legal links, and the server re-checking what the browser checked.
import { expect, test } from "@playwright/test";
import { API_BASE, PASSWORD, freshEmail } from "./support";

test("the validator runs as you type and on submit, without a request", async ({ page }) => {
  let signUps = 0;
  page.on("request", (req) => {
    if (new URL(req.url()).pathname === `${API_BASE}/signup`) signUps += 1;
  });
  await page.goto("/auth?show=signup");
  await page.locator("#email").fill(freshEmail("fields-client"));
  await page.locator("#password").fill(PASSWORD);
  await page.locator("#company").pressSequentially("x");
  await expect(page.locator("#company-error")).toHaveText("Use 2 to 100 characters");
  await expect(page.locator("#company")).toHaveAttribute("aria-invalid", "true");
  await page.locator("#company").pressSequentially("y");
  await expect(page.locator("#company-error")).toHaveCount(0);

  await page.locator("#company").fill("z");
  await page.locator("#email").focus();
  await page.getByRole("button", { name: "Sign up", exact: true }).click();
  await expect(page.locator("#company-error")).toBeVisible();
  await expect(page.locator("#company")).toBeFocused();
  expect(signUps).toBe(0);
});

test("the server refuses what the browser would have: FIELD_ERROR for the field", async ({ request, baseURL }) => {
  const res = await request.post(`${API_BASE}/signup`, {
    headers: { rid: "emailpassword", origin: baseURL! },
    data: {
      formFields: [
        { id: "email", value: freshEmail("fields-api") },
        { id: "password", value: PASSWORD },
        { id: "company", value: "x" },
      ],
    },
  });
  expect(await res.json()).toEqual({ status: "FIELD_ERROR", formFields: [{ id: "company", error: "Use 2 to 100 characters" }] });
});

test("a valid extra field signs up; sign-in shows neither the field nor the legal links", async ({ page }) => {
  await page.goto("/auth?show=signup&redirectToPath=/dashboard");
  const legal = page.getByTestId("legal-links");
  await expect(legal.getByRole("link", { name: "Terms of Service" })).toHaveAttribute("href", "/terms");
  await expect(legal.getByRole("link", { name: "Privacy Policy" })).toHaveAttribute("href", "/privacy");
  await page.locator("#email").fill(freshEmail("fields-ok"));
  await page.locator("#password").fill(PASSWORD);
  await page.locator("#company").fill("Acme Ltd");
  await page.getByRole("button", { name: "Sign up", exact: true }).click();
  await expect(page).toHaveURL((url) => url.pathname === "/dashboard");

  await page.context().clearCookies();
  await page.goto("/auth");
  await expect(page.locator("#company")).toHaveCount(0);
  await expect(page.getByTestId("legal-links")).toHaveCount(0);
});
