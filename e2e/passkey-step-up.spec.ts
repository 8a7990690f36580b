// Step-up before adding or removing a passkey in the built-in UI, on its own server with MFA and
// passkeys on and a 10-second step-up window: once the window has passed, "Add a passkey" and
// "Remove" go to /auth/mfa for a code first (before the authenticator makes anything), and come
// back to /account, where the action then goes through. Changing the password asks first, before
// anything is typed.
import { expect, test, type Page } from "@playwright/test";
import { totpCodeAtStep } from "../lib/auth/testing/rfc6238";
import { startOwnServer, type OwnServer, ownPort } from "./own-server";
import { API_BASE, PASSWORD, WAIT_FOR_EXPIRY_MS, formFields, freshEmail } from "./support";
import { addVirtualAuthenticator } from "./virtual-authenticator";

const PORT = ownPort("E2E_PASSKEY_STEP_UP_PORT", 3427);
const ORIGIN = `http://localhost:${PORT}`;
const STEP_UP_SECONDS = 10;
let server: OwnServer | undefined;

test.use({ baseURL: ORIGIN });
test.beforeAll(async () => {
  server = await startOwnServer(PORT, { E2E_MFA: "1", E2E_WEBAUTHN: "1", E2E_MFA_STEP_UP_SECONDS: String(STEP_UP_SECONDS) });
});
test.afterAll(async () => {
  await server?.stop();
});

/**
 * Each code once (a code is refused the second time): the step after the last one used with this
 * secret, or the clock's, waiting only while it would be more than one step ahead of the clock,
 * which the server's default skew of 1 accepts. Tracked per secret: each test has its own user
 * and authenticator, so a step used in another test does not make this one wait.
 */
const lastStepOf = new Map<string, number>();
async function freshCode(page: Page, secret: string): Promise<string> {
  const step = () => Math.floor(Date.now() / 30_000);
  const next = Math.max((lastStepOf.get(secret) ?? 0) + 1, step());
  lastStepOf.set(secret, next);
  while (next > step() + 1) await page.waitForTimeout(1_000);
  return totpCodeAtStep(secret, next);
}

async function enterCode(page: Page, secret: string) {
  await page.getByLabel("Code").fill(await freshCode(page, secret));
  await page.getByRole("button", { name: "Verify" }).click();
}

/** Signs a new email+password user up and sets up an authenticator on /account; the TOTP secret. */
async function signUpWithAuthenticator(page: Page, label: string): Promise<string> {
  const email = freshEmail(label);
  const res = await page.request.post(`${API_BASE}/signup`, { headers: { rid: "emailpassword", origin: ORIGIN }, data: formFields(email, PASSWORD) });
  expect((await res.json()).status).toBe("OK");
  await page.goto("/account");
  await page.getByRole("button", { name: "Set up authenticator" }).click();
  const secret = (await page.getByTestId("totp-secret").innerText()).trim();
  await enterCode(page, secret);
  await page.getByRole("link", { name: "I have saved them: continue" }).click();
  await expect(page.getByTestId("mfa-status")).toContainText("on");
  return secret;
}

test("adding and removing a passkey ask for a recent code once the step-up window has passed", async ({ page }) => {
  test.setTimeout(120_000);
  const authenticator = await addVirtualAuthenticator(page);
  const secret = await signUpWithAuthenticator(page, "passkey-step-up");

  await page.waitForTimeout((STEP_UP_SECONDS + 1) * 1000);
  const passkeys = page.getByRole("region", { name: "Passkeys" });
  await passkeys.getByRole("button", { name: "Add a passkey" }).click();
  await expect(page).toHaveURL((url) => url.pathname === "/auth/mfa" && url.searchParams.get("stepUp") === "totp");
  expect(await authenticator.credentialCount()).toBe(0);
  await enterCode(page, secret);
  await expect(page).toHaveURL((url) => url.pathname === "/account");
  await passkeys.getByRole("button", { name: "Add a passkey" }).click();
  await expect(passkeys.getByRole("status")).toHaveText("Passkey added.");
  await expect(passkeys.getByTestId("passkey")).toHaveCount(1);
  expect(await authenticator.credentialCount()).toBe(1);

  await page.waitForTimeout((STEP_UP_SECONDS + 1) * 1000);
  await passkeys.getByTestId("passkey").getByRole("button", { name: "Remove" }).click();
  await expect(page).toHaveURL((url) => url.pathname === "/auth/mfa" && url.searchParams.get("stepUp") === "totp");
  await enterCode(page, secret);
  await expect(page).toHaveURL((url) => url.pathname === "/account");
  await expect(passkeys.getByTestId("passkey")).toHaveCount(1);
  await passkeys.getByTestId("passkey").getByRole("button", { name: "Remove" }).click();
  await expect(passkeys.getByTestId("passkey")).toHaveCount(0);
});

test("changing the password asks for a recent code before the passwords are typed, once the step-up window has passed", async ({ page }) => {
  test.setTimeout(120_000);
  const secret = await signUpWithAuthenticator(page, "password-step-up");
  const form = page.getByRole("form", { name: "Change password" });
  await expect(form.getByLabel("Current password")).toBeVisible();

  await page.waitForTimeout((STEP_UP_SECONDS + 1) * 1000);
  await page.reload();
  const card = page.getByRole("region", { name: "Change password" });
  await expect(card).toContainText("first confirm it is you");
  await expect(page.getByLabel("Current password")).toHaveCount(0);
  // The access token (3 s here) has expired by the click, always rather than on a slow day: the
  // MFA page goes through the refresh page and must come back as the step-up it was opened for.
  await page.waitForTimeout(WAIT_FOR_EXPIRY_MS);
  await card.getByRole("link", { name: "Confirm it is you" }).click();
  await expect(page).toHaveURL((url) => url.pathname === "/auth/mfa" && url.searchParams.get("stepUp") === "totp");
  await enterCode(page, secret);
  await expect(page).toHaveURL((url) => url.pathname === "/account");

  await form.getByLabel("Current password").fill(PASSWORD);
  await form.getByLabel("New password", { exact: true }).fill(`${PASSWORD}-new`);
  await form.getByLabel("Confirm the new password").fill(`${PASSWORD}-new`);
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByRole("status")).toHaveText("Your password was changed, and your other devices were signed out.");
});
