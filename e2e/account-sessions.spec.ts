// "My sessions": two browser contexts are two devices. Device A signs device B out from
// /account/sessions; B's next refresh fails and B lands on /auth.
import type { Page } from "@playwright/test";
import { expect, test } from "./browser-contexts";
import { PASSWORD, REFRESH_PATH, WAIT_FOR_EXPIRY_MS, freshEmail } from "./support";

async function signInOnPage(page: Page, email: string, mode: "Sign in" | "Sign up") {
  await page.goto(`/auth?${mode === "Sign up" ? "show=signup&" : ""}redirectToPath=/dashboard`);
  await page.locator("#email").fill(email);
  await page.locator("#password").fill(PASSWORD);
  await page.getByRole("button", { name: mode, exact: true }).click();
  await expect(page).toHaveURL((url) => url.pathname === "/dashboard");
}

const CHROME_LINUX = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
const FIREFOX_WINDOWS = "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";

test("device A revokes device B; B's next refresh fails and B lands on /auth", async ({ newContext }) => {
  const deviceA = await newContext({ userAgent: CHROME_LINUX });
  const deviceB = await newContext({ userAgent: FIREFOX_WINDOWS });
  const [a, b] = [await deviceA.newPage(), await deviceB.newPage()];
  const email = freshEmail("devices");
  await signInOnPage(a, email, "Sign up");
  await signInOnPage(b, email, "Sign in");
  const userB = (await b.getByTestId("user-id").innerText()).trim();

  await a.goto("/account/sessions");
  const rows = a.getByTestId("session");
  await expect(rows).toHaveCount(2);
  // A readable device, not the raw user agent (which stays in the title).
  const rowA = rows.filter({ hasText: "Chrome on Linux" });
  const rowB = rows.filter({ hasText: "Firefox on Windows" });
  await expect(rowA).toHaveAttribute("data-current", "true");
  await expect(rowA.getByTestId("this-device")).toHaveText("This device");
  await expect(rowA.getByTestId("session-device")).toHaveAttribute("title", CHROME_LINUX);
  await expect(rowA.getByRole("button")).toHaveCount(0);
  await expect(rowB.getByTestId("this-device")).toHaveCount(0);
  await expect(rowB).toContainText("last active");
  // The next-start server declares no proxy: the address is unknown by the client-address rule.
  await expect(rowB).toContainText("IP unknown");
  const signOutB = rowB.getByRole("button", { name: "Sign out Firefox on Windows" });
  await expect(signOutB).toHaveText("Sign out");
  await signOutB.click();
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("Chrome on Linux");

  const refreshes: number[] = [];
  b.on("response", (res) => {
    if (new URL(res.url()).pathname === REFRESH_PATH) refreshes.push(res.status());
  });
  await b.waitForTimeout(WAIT_FOR_EXPIRY_MS);
  await b.goto("/dashboard");
  await expect(b).toHaveURL((url) => url.pathname === "/auth" && url.searchParams.get("redirectToPath") === "/dashboard");
  expect(refreshes).toContain(401);
  await expect(b.getByRole("button", { name: "Sign in", exact: true })).toBeVisible();
  await expect(b.getByText(userB)).toHaveCount(0);

  // A is untouched: its page still works after its own refresh.
  await a.waitForTimeout(500);
  await a.goto("/dashboard");
  await expect(a.getByTestId("user-id")).toBeVisible();
});

test("sign out all other devices keeps this one", async ({ newContext }) => {
  const email = freshEmail("others");
  const contexts = await Promise.all([0, 1, 2].map((i) => newContext({ userAgent: `Device ${i} (e2e)` })));
  const pages = await Promise.all(contexts.map((c) => c.newPage()));
  await signInOnPage(pages[0], email, "Sign up");
  for (const page of pages.slice(1)) await signInOnPage(page, email, "Sign in");
  await pages[0].goto("/account/sessions");
  await expect(pages[0].getByTestId("session")).toHaveCount(3);
  await pages[0].getByRole("button", { name: "Sign out all other devices" }).click();
  await expect(pages[0].getByTestId("session")).toHaveCount(1);
  await expect(pages[0].getByTestId("session").first()).toHaveAttribute("data-current", "true");
});

test("/account/sessions without a session redirects to sign-in", async ({ page }) => {
  await page.goto("/account/sessions");
  await expect(page).toHaveURL((url) => url.pathname === "/auth" && url.searchParams.get("redirectToPath") === "/account/sessions");
});
