// MFA in the built-in UI, on its own server with MFA on: set up TOTP from /account (codes computed
// here from the shown key by the tests' own RFC 6238 on node:crypto, not otpauth), sign out, sign in
// → /auth/mfa → code → in; a recovery code works once. axe on the MFA pages.
import AxeBuilder from "@axe-core/playwright";
import { expect, test, type Page } from "@playwright/test";
import { totpCodeAtStep } from "../lib/auth/testing/rfc6238";
import { startOwnServer, type OwnServer, ownPort } from "./own-server";
import { API_BASE, PASSWORD, REFRESH_PATH, formFields, freshEmail } from "./support";

const PORT = ownPort("E2E_MFA_PORT", 3401);
const ORIGIN = `http://localhost:${PORT}`;
let server: OwnServer | undefined;

test.use({ baseURL: ORIGIN });
test.beforeAll(async () => {
  server = await startOwnServer(PORT, { E2E_MFA: "1" });
});
test.afterAll(async () => {
  await server?.stop();
});

/**
 * A code the server accepts now and has not seen for this device: the current time step's, or the
 * step after the last one used with this secret (within the default skew of 1). Tracked per
 * secret: a step carried over from another test's device could run two steps ahead of the clock.
 */
const lastStepOf = new Map<string, number>();
function freshCode(secret: string): string {
  const step = Math.max((lastStepOf.get(secret) ?? 0) + 1, Math.floor(Date.now() / 30_000));
  lastStepOf.set(secret, step);
  return totpCodeAtStep(secret, step);
}

async function expectAccessible(page: Page) {
  const results = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]).analyze();
  expect(results.violations).toEqual([]);
}

async function signUpAndSetUpTotp(page: Page, email: string): Promise<{ secret: string; codes: string[] }> {
  const res = await page.request.post(`${API_BASE}/signup`, { headers: { rid: "emailpassword", origin: ORIGIN }, data: formFields(email, PASSWORD) });
  expect((await res.json()).status).toBe("OK");
  await page.goto("/account");
  await expect(page.getByTestId("mfa-status")).toContainText("off");
  await page.getByRole("button", { name: "Set up authenticator" }).click();
  const secret = (await page.getByTestId("totp-secret").innerText()).trim();
  await expectAccessible(page);
  await page.getByLabel("Code").fill(freshCode(secret));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.getByTestId("recovery-codes").locator("li")).toHaveCount(10);
  const codes = (await page.getByTestId("recovery-codes").locator("code").allInnerTexts()).map((c) => c.trim());
  await page.getByRole("link", { name: "I have saved them: continue" }).click();
  await expect(page.getByTestId("mfa-status")).toContainText("on");
  return { secret, codes };
}

async function signOutAndIn(page: Page, email: string) {
  await page.request.post(`${API_BASE}/signout`, { headers: { rid: "session", origin: ORIGIN } });
  await page.context().clearCookies();
  await page.goto("/auth?redirectToPath=/account");
  await page.locator("#email").fill(email);
  await page.locator("#password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL((url) => url.pathname === "/auth/mfa");
}

test("set up TOTP, sign out, sign in → MFA screen → code → in", async ({ page }) => {
  const email = freshEmail("mfa");
  const { secret } = await signUpAndSetUpTotp(page, email);
  await signOutAndIn(page, email);
  // Without the code, no protected route answers. Access tokens live 3 s here, and a busy machine
  // can spend that on the sign-in's redirect: refresh first, so that the 403 is about the factor.
  expect((await page.request.post(REFRESH_PATH, { headers: { rid: "session", origin: ORIGIN } })).status()).toBe(200);
  expect((await page.request.get(`${API_BASE}/user/sessions`, { headers: { rid: "session" } })).status()).toBe(403);
  await expectAccessible(page);
  const unused = freshCode(secret);
  lastStepOf.set(secret, lastStepOf.get(secret)! - 1);
  await page.getByLabel("Code").fill(unused === "000000" ? "111111" : "000000");
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page.locator("#mfa-error")).toContainText("not right");
  await page.getByLabel("Code").fill(freshCode(secret));
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL((url) => url.pathname === "/account");
  await expect(page.getByTestId("account-email")).toHaveText(email);
});

test("a recovery code works once", async ({ page }) => {
  const email = freshEmail("mfa-rc");
  const { codes } = await signUpAndSetUpTotp(page, email);
  for (const expected of ["in", "refused"] as const) {
    await signOutAndIn(page, email);
    await page.getByRole("button", { name: "Use a recovery code instead" }).click();
    await page.getByLabel("Recovery code").fill(codes[0]);
    await page.getByRole("button", { name: "Verify" }).click();
    if (expected === "in") await expect(page).toHaveURL((url) => url.pathname === "/account");
    else await expect(page.locator("#mfa-error")).toContainText("used already");
  }
});

test("new recovery codes: a double click makes one set, and the set shown is the one that works", async ({ page }) => {
  const email = freshEmail("mfa-new-codes");
  await signUpAndSetUpTotp(page, email);
  // Sets made: answers of 200 (a 401 before the client's refresh and retry makes none; tokens live 3 s here).
  let made = 0;
  page.on("response", (response) => {
    const request = response.request();
    if (request.method() === "POST" && new URL(response.url()).pathname === `${API_BASE}/mfa/recovery-codes` && response.status() === 200) made += 1;
  });
  await page.getByRole("button", { name: "Make new recovery codes" }).dblclick();
  await expect(page.getByTestId("recovery-codes").locator("li")).toHaveCount(10);
  const shown = (await page.getByTestId("recovery-codes").locator("code").allInnerTexts()).map((c) => c.trim());
  expect(made).toBe(1);
  await signOutAndIn(page, email);
  await page.getByRole("button", { name: "Use a recovery code instead" }).click();
  await page.getByLabel("Recovery code").fill(shown[0]);
  await page.getByRole("button", { name: "Verify" }).click();
  await expect(page).toHaveURL((url) => url.pathname === "/account");
});
