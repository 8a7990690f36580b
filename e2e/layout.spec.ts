// The built-in pages' finish (issue 23, items 6 and 7): one card width on every card page, a
// form-level error set apart from the submit button, the favicon, the app's name above the
// sign-in card, a visible focus ring, and a spinner on every submit while its request runs.
// The admin pages' danger button and search row are checked in admin.spec.ts (it has an admin).
import { expect, test, type Page, type Route } from "@playwright/test";
import { API_BASE, PASSWORD, formFields, freshEmail } from "./support";

test.use({ viewport: { width: 1280, height: 900 } });

/** The width of the page's first card, in CSS pixels. */
async function cardWidth(page: Page): Promise<number> {
  const card = page.locator("main .gh-card").first();
  await expect(card).toBeVisible();
  return (await card.boundingBox())!.width;
}

test("every card page has the same card width (--gh-card-width)", async ({ page, baseURL }) => {
  const widths: Record<string, number> = {};
  for (const path of [
    "/auth",
    "/auth?show=signup",
    "/auth/reset-password",
    "/auth/reset-password?token=not-a-real-token",
    "/auth/verify-email?token=x",
  ]) {
    await page.goto(path);
    widths[path] = await cardWidth(page);
  }
  const res = await page.request.post(`${API_BASE}/signup`, {
    headers: { rid: "emailpassword", origin: baseURL! },
    data: formFields(freshEmail("layout"), PASSWORD),
  });
  expect((await res.json()).status).toBe("OK");
  await page.goto("/account");
  await expect(page.getByTestId("account-email")).not.toBeEmpty();
  widths["/account"] = await cardWidth(page);
  await page.goto("/auth/verify-email");
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
  widths["/auth/verify-email"] = await cardWidth(page);
  // A signed-in user without the admin role: the 403 page.
  await page.goto("/admin");
  await expect(page.getByTestId("forbidden")).toBeVisible();
  widths["403"] = await cardWidth(page);

  const cardWidthToken = await page.evaluate(() => {
    const probe = document.createElement("div");
    probe.style.width = "var(--gh-card-width)";
    document.body.append(probe);
    return probe.getBoundingClientRect().width;
  });
  expect(cardWidthToken).toBe(448);
  expect(widths).toEqual(Object.fromEntries(Object.keys(widths).map((path) => [path, cardWidthToken])));
});

test("a form-level error stands apart from the submit button", async ({ page }) => {
  await page.goto("/auth");
  await page.locator("#email").fill(freshEmail("nobody"));
  await page.locator("#password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  const error = page.locator("#form-error");
  await expect(error).toBeVisible();
  const errorBox = (await error.boundingBox())!;
  const buttonBox = (await page.getByRole("button", { name: "Sign in", exact: true }).boundingBox())!;
  // --gh-space-3 (16 px) between them; touching was 0.
  expect(buttonBox.y - (errorBox.y + errorBox.height)).toBeGreaterThanOrEqual(12);
});

test("the favicon is served and linked; the app's name heads the sign-in card", async ({ page, request }) => {
  const ico = await request.get("/favicon.ico");
  expect(ico.status()).toBe(200);
  expect(ico.headers()["content-type"]).toMatch(/image\/(x-icon|vnd\.microsoft\.icon)/);
  await page.goto("/auth");
  const icons = page.locator('head link[rel="icon"]');
  expect(await icons.count()).toBeGreaterThan(0);
  for (const href of await icons.evaluateAll((links) => links.map((l) => (l as HTMLLinkElement).href))) {
    expect((await request.get(href)).status(), href).toBe(200);
  }
  await expect(page.getByTestId("brand")).toHaveText("Gatehouse");
});

test("keyboard focus is visible on inputs, buttons and links", async ({ page }) => {
  await page.goto("/auth");
  const ring = async () =>
    page.evaluate(() => {
      const style = getComputedStyle(document.activeElement!);
      return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
    });
  // The "Create an account" link, the email field, the password field, "Show password", …
  for (const target of ["a", "#email", "#password", ".gh-password-toggle"]) {
    await page.keyboard.press("Tab");
    await expect(page.locator(target).and(page.locator(":focus"))).toHaveCount(1);
    expect(await ring(), target).toEqual({ style: "solid", width: 3 });
  }
  await page.locator("button[type=submit]").focus();
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Tab");
  expect(await ring(), "submit").toEqual({ style: "solid", width: 3 });
});

/** Holds every request to `path` until the returned function is called. */
async function holdRequests(page: Page, path: string): Promise<() => void> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.route(`**${path}`, async (route: Route) => {
    await released;
    await route.continue();
  });
  return release;
}

/** While its request runs, the submit button is disabled, aria-busy and shows the spinner. */
async function expectLoading(page: Page, button: ReturnType<Page["getByRole"]>) {
  await expect(button).toBeDisabled();
  await expect(button).toHaveAttribute("aria-busy", "true");
  const spinner = await button.evaluate((el) => {
    const before = getComputedStyle(el, "::before");
    return { content: before.content, animation: before.animationName };
  });
  expect(spinner).toEqual({ content: '""', animation: "gh-spin" });
}

for (const form of [
  { name: "sign-in", path: "/auth", api: `${API_BASE}/signin`, button: "Sign in" },
  { name: "sign-up", path: "/auth?show=signup", api: `${API_BASE}/signup`, button: "Sign up" },
  { name: "reset request", path: "/auth/reset-password", api: `${API_BASE}/user/password/reset/token`, button: "Email me a reset link" },
]) {
  test(`the ${form.name} submit shows its loading state`, async ({ page }) => {
    await page.goto(form.path);
    const release = await holdRequests(page, form.api);
    await page.locator("input[type=email]").fill(freshEmail("loading"));
    const password = page.locator("#password");
    if (await password.count()) await password.fill(PASSWORD);
    const button = page.getByRole("button", { name: form.button, exact: true });
    await expect(button).toHaveAttribute("aria-busy", "false");
    await button.click();
    await expectLoading(page, button);
    const answered = page.waitForResponse((response) => new URL(response.url()).pathname === form.api);
    release();
    await answered;
  });
}
