// The sign-in form embedded in a custom page (app/examples/embedded-sign-in), restyled by scoped --gh-* variables.
import { expect, test } from "@playwright/test";
import { API_BASE, PASSWORD, formFields, freshEmail } from "./support";

test("the embedded sign-in form signs in and takes the page's own theme", async ({ page, request, baseURL }) => {
  const email = freshEmail("embedded");
  const res = await request.post(`${API_BASE}/signup`, { headers: { rid: "emailpassword", origin: baseURL! }, data: formFields(email, PASSWORD) });
  expect((await res.json()).status).toBe("OK");

  await page.goto("/examples/embedded-sign-in");
  await expect(page.getByRole("heading", { name: "Acme Notes" })).toBeVisible();
  const button = page.getByRole("button", { name: "Sign in", exact: true });
  // The variable set on .landing reaches the embedded component: a purple, rounder button.
  await expect(button).toHaveCSS("background-color", "rgb(107, 47, 211)");
  await expect(button).toHaveCSS("border-top-left-radius", "14px");
  await page.locator("#email").fill(email);
  await page.locator("#password").fill(PASSWORD);
  await button.click();
  await expect(page).toHaveURL((url) => url.pathname === "/dashboard");
});
