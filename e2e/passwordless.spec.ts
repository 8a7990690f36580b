// The built-in passwordless UI on its own server (passwordless on, beside the password form):
// sign up by emailed code (after a wrong one), sign in by magic link (a click, not the page load,
// consumes it), each screen axe-clean, and the German text. Emails go over SMTP to the sink.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, test } from "./browser-contexts";
import { mailboxOf } from "./mailbox";
import { startOwnServer, type OwnServer, ownPort } from "./own-server";
import { freshEmail } from "./support";

const PORT = ownPort("E2E_PASSWORDLESS_PORT", 3364);
const ORIGIN = `http://localhost:${PORT}`;
const mailbox = mailboxOf(PORT);
const WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
let server: OwnServer | undefined;

test.use({ baseURL: ORIGIN });

test.beforeAll(async () => {
  server = await startOwnServer(PORT, { E2E_PASSWORDLESS: "USER_INPUT_CODE_AND_MAGIC_LINK" });
});

test.afterAll(async () => {
  await server?.stop();
});

async function expectNoViolations(page: Page, label: string) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze();
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(summary, `${label}: ${summary.join("\n")}`).toEqual([]);
}

const codeIn = (text: string) => /\b(\d{6})\b/.exec(text)?.[1] ?? "";
const linkIn = (text: string) => /(http\S+\/auth\/verify\?\S+)/.exec(text)?.[1] ?? "";

async function askForEmail(page: Page, email: string) {
  await page.goto("/auth?redirectToPath=/dashboard");
  const form = page.getByRole("form", { name: "Sign in without a password" });
  await expect(form).toBeVisible();
  await form.getByLabel("Email").fill(email);
  await form.getByLabel("Email").press("Enter");
  await expect(page.getByRole("heading", { name: "Check your inbox" })).toBeVisible();
}

test("signs up by emailed code, keyboard only, after a wrong code; every screen axe-clean", async ({ page }) => {
  const email = freshEmail("pl-ui");
  await page.goto("/auth");
  await expectNoViolations(page, "/auth with passwordless");
  await askForEmail(page, email);
  await expect(page.getByText(`We sent a sign-in email to ${email}.`)).toBeVisible();
  await expectNoViolations(page, "check your inbox");

  const code = codeIn((await mailbox.waitFor(email)).text);
  expect(code).toMatch(/^\d{6}$/);
  const input = page.getByLabel("Sign-in code");
  await input.fill(code === "000000" ? "111111" : "000000");
  await input.press("Enter");
  await expect(page.locator(".gh-error[role=alert]")).toHaveText("That code is not right. 4 attempts left.");
  await expectNoViolations(page, "wrong code");

  await input.fill(code);
  await input.press("Enter");
  await page.waitForURL("**/dashboard");
  await expect(page.getByTestId("user-id")).not.toBeEmpty();
});

test("signs in by magic link: the page waits for a click, survives a failed attempt, and the link works once", async ({ page, newContext }) => {
  const email = freshEmail("pl-link");
  await askForEmail(page, email);
  const link = linkIn((await mailbox.waitFor(email)).text);
  expect(link.startsWith(`${ORIGIN}/auth/verify?`)).toBe(true);

  // Opened in another browser (a mail app's), as a scanner would: loading spends nothing.
  const other = await newContext({ baseURL: ORIGIN });
  const landing = await other.newPage();
  await landing.goto(link);
  const button = landing.getByRole("button", { name: "Sign in" });
  await expect(button).toBeEnabled();
  await expectNoViolations(landing, "magic link landing");
  await landing.reload();
  // The server is down for the first click: the page says so, and the unspent link works on the next.
  await landing.route("**/signinup/code/consume", (route) =>
    route.fulfill({ status: 503, contentType: "application/json", body: JSON.stringify({ message: "Service unavailable" }) }),
  );
  await landing.getByRole("button", { name: "Sign in" }).click();
  await expect(landing.locator("form.gh-card").getByRole("alert")).toHaveText("Temporarily unavailable, try again shortly");
  await landing.unroute("**/signinup/code/consume");
  await landing.getByRole("button", { name: "Sign in" }).click();
  // No redirectToPath in the link: the configured landing page (ui.afterSignInPath).
  await landing.waitForURL(`${ORIGIN}/dashboard`);
  await expect(landing.getByTestId("user-id")).not.toBeEmpty();

  // Used: the same link now says so.
  await landing.goto(link);
  await landing.getByRole("button", { name: "Sign in" }).click();
  await expect(landing.getByRole("heading", { name: "This link no longer works" })).toBeVisible();
  await expectNoViolations(landing, "used link");
});

test("a flow that must start again keeps the address typed", async ({ page }) => {
  const email = freshEmail("pl-restart");
  await askForEmail(page, email);
  // The device is gone (used up elsewhere, or too many wrong codes): the server says start again.
  await page.route("**/signinup/code/consume", (route) =>
    route.fulfill({ status: 200, contentType: "application/json", body: JSON.stringify({ status: "RESTART_FLOW_ERROR" }) }),
  );
  const input = page.getByLabel("Sign-in code");
  await input.fill("123456");
  await input.press("Enter");
  const form = page.getByRole("form", { name: "Sign in without a password" });
  await expect(form.getByLabel("Email")).toHaveValue(email);
  await expect(form.locator(".gh-error[role=alert]")).toBeVisible();
});

test("speaks German to a German browser", async ({ newContext }) => {
  const context = await newContext({ baseURL: ORIGIN, locale: "de-DE", extraHTTPHeaders: { "accept-language": "de-DE,de;q=0.9" } });
  const page = await context.newPage();
  await page.goto("/auth");
  const form = page.getByRole("form", { name: "Ohne Passwort anmelden" });
  await expect(form).toBeVisible();
  await expect(form.getByRole("button", { name: "Anmeldecode per E-Mail senden" })).toBeVisible();
  await form.getByLabel("E-Mail").fill(freshEmail("pl-de"));
  await form.getByRole("button", { name: "Anmeldecode per E-Mail senden" }).click();
  await expect(page.getByRole("heading", { name: "Sehen Sie in Ihr Postfach" })).toBeVisible();
  await expect(page.getByLabel("Anmeldecode")).toBeVisible();
});
