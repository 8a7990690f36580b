// Open redirects: every page that sends the browser on to a `redirectToPath` it was given, fed
// the payloads that leave the site through a naive check (dot segments in front of `//`,
// encoded dots, backslashes, a tab the browser strips). The browser must end on the app's origin
// and never ask for evil.example. The third-party start is covered in third-party.spec.ts.
import type { BrowserContext, Page } from "@playwright/test";
import { expect, test } from "./browser-contexts";
import { API_BASE, PASSWORD, formFields, freshEmail } from "./support";

/** As the server reads them, once the query string is decoded. */
export const BYPASS_PAYLOADS = [
  "/.//evil.example",
  "/a/..//evil.example",
  "/%2e//evil.example/x",
  "/.\\/evil.example",
  "/\t/evil.example",
  "//evil.example",
];

/** Records every request the context makes to evil.example (there must be none). */
function watchForEvil(context: BrowserContext): string[] {
  const seen: string[] = [];
  context.on("request", (request) => {
    if (new URL(request.url()).hostname.endsWith("evil.example")) seen.push(request.url());
  });
  return seen;
}

async function signUpViaApi(context: BrowserContext, baseURL: string, email: string): Promise<void> {
  const res = await context.request.post(`${API_BASE}/signup`, {
    headers: { rid: "emailpassword", origin: baseURL },
    data: formFields(email, PASSWORD),
  });
  expect((await res.json()).status).toBe("OK");
}

async function expectOnAppRoot(page: Page, baseURL: string): Promise<void> {
  await expect(page).toHaveURL((url) => url.origin === new URL(baseURL).origin && url.pathname === "/");
}

test("sign-in form: after signing in, each bypass payload lands on / of the app", async ({ newContext, baseURL }) => {
  const email = freshEmail("redirect-signin");
  const setup = await newContext({ baseURL });
  await signUpViaApi(setup, baseURL!, email);
  await setup.close();
  for (const payload of BYPASS_PAYLOADS) {
    await test.step(JSON.stringify(payload), async () => {
      const context = await newContext({ baseURL });
      const evil = watchForEvil(context);
      const page = await context.newPage();
      await page.goto(`/auth?redirectToPath=${encodeURIComponent(payload)}`);
      await page.locator("#email").fill(email);
      await page.locator("#password").fill(PASSWORD);
      await page.getByRole("button", { name: "Sign in", exact: true }).click();
      await expectOnAppRoot(page, baseURL!);
      expect(evil).toEqual([]);
      await context.close();
    });
  }
});

test("sign-up form: a bypass payload lands on / of the app", async ({ page, context, baseURL }) => {
  const evil = watchForEvil(context);
  await page.goto(`/auth?show=signup&redirectToPath=${encodeURIComponent("/a/..//evil.example")}`);
  await page.locator("#email").fill(freshEmail("redirect-signup"));
  await page.locator("#password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign up", exact: true }).click();
  await expectOnAppRoot(page, baseURL!);
  expect(evil).toEqual([]);
});

test("/auth/refresh: after the refresh, each bypass payload returns to / of the app", async ({ context, baseURL }) => {
  const evil = watchForEvil(context);
  await signUpViaApi(context, baseURL!, freshEmail("redirect-refresh"));
  for (const payload of BYPASS_PAYLOADS) {
    await test.step(JSON.stringify(payload), async () => {
      // A tab of its own: the refresh page's loop breaker counts returns per tab.
      const page = await context.newPage();
      await page.goto(`/auth/refresh?redirectToPath=${encodeURIComponent(payload)}`);
      await expectOnAppRoot(page, baseURL!);
      await page.close();
    });
  }
  expect(evil).toEqual([]);
});

test("/auth/refresh without a session: the sign-in link it goes to carries only a safe path", async ({ page, context }) => {
  const evil = watchForEvil(context);
  await page.goto(`/auth/refresh?redirectToPath=${encodeURIComponent("/.//evil.example")}`);
  await expect(page).toHaveURL((url) => url.pathname === "/auth" && url.searchParams.get("redirectToPath") === "/");
  expect(evil).toEqual([]);
});
