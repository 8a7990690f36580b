// The built-in UI's themes (lib/ui/gatehouse.css) and the form states people notice:
// keyboard-only sign-in, the "show password" toggle, focus on the first invalid field, no double submit.
import { expect, test } from "./browser-contexts";
import { API_BASE, PASSWORD, formFields, freshEmail } from "./support";

const LIGHT_BG = "rgb(247, 247, 248)";
const DARK_BG = "rgb(18, 19, 22)";

for (const [scheme, background] of [
  ["light", LIGHT_BG],
  ["dark", DARK_BG],
] as const) {
  test(`prefers-color-scheme: ${scheme} applies the ${scheme} theme`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto("/auth");
    await expect(page.locator("body")).toHaveCSS("background-color", background);
    // The card's text colour comes from the same variables, so the theme reaches the components.
    const text = await page.locator("form.gh-card").evaluate((el) => getComputedStyle(el).color);
    expect(text).toBe(scheme === "dark" ? "rgb(236, 236, 241)" : "rgb(27, 27, 31)");
  });
}

test("keyboard only: Tab to the fields, Enter signs in", async ({ page, request, baseURL }) => {
  const email = freshEmail("keyboard");
  const res = await request.post(`${API_BASE}/signup`, { headers: { rid: "emailpassword", origin: baseURL! }, data: formFields(email, PASSWORD) });
  expect((await res.json()).status).toBe("OK");

  await page.goto("/auth?redirectToPath=/dashboard");
  // Tab order: the "Create an account" link, then the email field.
  await page.keyboard.press("Tab");
  await page.keyboard.press("Tab");
  await expect(page.locator("#email")).toBeFocused();
  await page.keyboard.type(email);
  await page.keyboard.press("Tab");
  await expect(page.locator("#password")).toBeFocused();
  await page.keyboard.type(PASSWORD);
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL((url) => url.pathname === "/dashboard");
  await expect(page.getByTestId("user-id")).not.toBeEmpty();
});

test("the show-password toggle reveals and hides the password", async ({ page }) => {
  await page.goto("/auth");
  await page.locator("#password").fill("secret-42");
  await expect(page.locator("#password")).toHaveAttribute("type", "password");
  await page.getByRole("button", { name: "Show password" }).click();
  await expect(page.locator("#password")).toHaveAttribute("type", "text");
  await page.getByRole("button", { name: "Hide password" }).click();
  await expect(page.locator("#password")).toHaveAttribute("type", "password");
});

test("a server-side field error is announced and focus moves to that field", async ({ page }) => {
  await page.goto("/auth?show=signup");
  await page.locator("#email").fill("not-an-email");
  await page.locator("#password").fill(PASSWORD);
  await page.locator("#password").focus();
  await page.keyboard.press("Enter");
  await expect(page.locator("#email-error")).toHaveAttribute("role", "alert");
  await expect(page.locator("#email")).toBeFocused();
  await expect(page.locator("#email")).toHaveAttribute("aria-invalid", "true");
});

test("two submits in the same tick send one request", async ({ page }) => {
  let calls = 0;
  await page.route(`**${API_BASE}/signin`, async (route) => {
    calls += 1;
    await route.continue();
  });
  await page.goto("/auth");
  await page.locator("#email").fill(freshEmail("double"));
  await page.locator("#password").fill(PASSWORD);
  // requestSubmit twice before React re-renders: the disabled button cannot stop the second one.
  await page.locator("form.gh-auth-form").evaluate((form: HTMLFormElement) => {
    form.requestSubmit();
    form.requestSubmit();
  });
  await expect(page.locator("#form-error")).toBeVisible();
  expect(calls).toBe(1);
});

test("without JavaScript the form says so, its button stays disabled, and Enter never puts the password in the URL", async ({
  newContext,
  request,
}) => {
  // Chromium with scripts disabled through DevTools still parses <noscript> as if scripting were on,
  // so the message is checked in the served HTML rather than on screen.
  const html = await (await request.get("/auth")).text();
  expect(html).toMatch(/<noscript><p class="gh-error">JavaScript is needed to (<!-- -->)?sign in/);
  const context = await newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto("/auth");
  await page.locator("#email").fill("nojs@example.com");
  await page.locator("#password").fill(PASSWORD);
  // The button waits for the script (auth-form.tsx), which never runs here: no click submits.
  await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeDisabled();
  // Nor does Enter (a disabled default button stops implicit submission); method="post" would
  // still keep the fields out of the URL.
  expect(await page.locator("form.gh-auth-form").getAttribute("method")).toBe("post");
  await page.locator("#password").press("Enter");
  await page.waitForLoadState();
  expect(page.url()).not.toContain(PASSWORD);
});
