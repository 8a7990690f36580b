// Email verification in REQUIRED mode: a second server on the existing build, started with
// E2E_EMAIL_VERIFICATION=REQUIRED (scripts/e2e-server.mjs puts it in the config overlay), with
// its own SMTP sink and mailbox. Its access tokens outlive the spec: the checks read /api/me
// straight, with no client to refresh an expired token, and a token that expired between two
// steps (3 s pass quickly on a busy machine) would answer 401 where the claim's 403 is meant.
// It also proves that verifying puts the new claim in this browser's token itself, with no
// expiry-driven refresh to do it instead.
import { expect, test, type Page } from "@playwright/test";
import { mailboxOf } from "./mailbox";
import { startOwnServer, type OwnServer, ownPort } from "./own-server";
import { PASSWORD, freshEmail } from "./support";

const PORT = ownPort("E2E_EMAIL_VERIFICATION_PORT", 3212);
const BASE = `http://localhost:${PORT}`;
const mailbox = mailboxOf(PORT);
let server: OwnServer | undefined;

test.use({ baseURL: BASE });

test.beforeAll(async () => {
  server = await startOwnServer(PORT, { E2E_EMAIL_VERIFICATION: "REQUIRED", E2E_ACCESS_TOKEN_TTL: "600" });
});

test.afterAll(async () => {
  await server?.stop();
});

async function signUp(page: Page, email: string) {
  await page.goto("/auth?show=signup&redirectToPath=/dashboard");
  await page.locator("#email").fill(email);
  await page.locator("#password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign up", exact: true }).click();
}

function apiMe(page: Page): Promise<{ status: number; body: unknown }> {
  return page.evaluate(async () => {
    const res = await fetch("/api/me");
    return { status: res.status, body: await res.json() };
  });
}

function apiMeAfterRefresh(page: Page): Promise<{ status: number }> {
  return page.evaluate(async () => {
    await fetch("/api/auth/session/refresh", { method: "POST", headers: { rid: "session" } });
    return { status: (await fetch("/api/me")).status };
  });
}

test("sign up → the protected page and API are blocked → verify through the emailed link → the page opens", async ({ page }) => {
  const email = freshEmail("verify");
  await signUp(page, email);

  await test.step("the dashboard sends the unverified user to /auth/verify-email, which sends the link", async () => {
    await expect(page).toHaveURL((url) => url.pathname === "/auth/verify-email" && url.searchParams.get("redirectToPath") === "/dashboard");
    await expect(page.getByRole("heading", { name: "Verify your email" })).toBeVisible();
    expect(await apiMe(page)).toEqual({
      status: 403,
      body: {
        message: "invalid claim",
        claimValidationErrors: [{ id: "st-ev", reason: { message: "wrong value", expectedValue: true, actualValue: false } }],
      },
    });
    await page.goto("/dashboard");
    await expect(page).toHaveURL((url) => url.pathname === "/auth/verify-email");
  });

  const received = await mailbox.waitFor(email);
  expect(received.subject).toBe("Verify your email for Gatehouse");
  expect(received.link).toMatch(new RegExp(`^${BASE}/auth/verify-email\\?token=[\\w-]{43}$`));

  await test.step("opening the link (a GET, as link scanners and previews do) spends nothing", async () => {
    const scanned = await page.request.get(received.link!);
    expect(scanned.status()).toBe(200);
    const response = await page.goto(received.link!);
    expect(response?.headers()["referrer-policy"]).toBe("no-referrer");
    // Give a page that would verify on load the time to do it, then check nothing was verified.
    await page.waitForLoadState("networkidle");
    // A refresh reads the claim's value again: the email is still unverified after it.
    expect((await apiMeAfterRefresh(page)).status, "the email is still unverified").toBe(403);
    await expect(page.getByRole("heading", { name: "Confirm your email address" })).toBeVisible();
    await page.reload();
    await expect(page.getByRole("heading", { name: "Confirm your email address" })).toBeVisible();
  });

  await test.step("the click verifies the email and refreshes this browser's session", async () => {
    await page.getByRole("button", { name: "Confirm my email address" }).click();
    await expect(page.getByRole("heading", { name: "Email verified" })).toBeVisible();
    await page.getByRole("link", { name: "Continue" }).click();
    await expect(page).toHaveURL((url) => url.pathname === "/dashboard");
    await expect(page.getByTestId("user-id")).not.toBeEmpty();
    expect((await apiMe(page)).status).toBe(200);
  });
});

test("resending is rate-limited", async ({ page }) => {
  const email = freshEmail("resend");
  await signUp(page, email);
  await expect(page).toHaveURL((url) => url.pathname === "/auth/verify-email");
  await mailbox.waitFor(email);
  const resend = page.getByRole("button", { name: "Send the link again" });
  await resend.click();
  await expect(page.getByRole("status").filter({ hasText: "We sent you a new link." })).toBeVisible();
  await mailbox.waitFor(email, 2);
  await resend.click();
  await mailbox.waitFor(email, 3);
  await resend.click();
  await expect(page.locator("p.gh-error")).toContainText("Too many requests");
  expect(await mailbox.messagesTo(email)).toHaveLength(3);
});
