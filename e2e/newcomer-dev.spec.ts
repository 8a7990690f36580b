// The first ten minutes (issue 23): a newcomer runs `npm run dev` on whatever port is free, with
// no GATEHOUSE_APP_ORIGIN, opens the address Next prints (or 127.0.0.1), and signs up. The
// development server's own origin must just work there; a production build accepts only its
// configured origin (lib/http/dev-origin.ts, and the unit tests beside it).
//
// `next dev` compiles each page on its first visit: tens of seconds each on a loaded two-core
// machine, so first visits get long timeouts, and nothing here measures time.
import { existsSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { createTestDatabase, type TestDatabase } from "../scripts/test-db.mjs";
import { freePort, startDevServer, type DevServer } from "./dev-server";
import { PASSWORD, freshEmail, hydrated } from "./support";

/** A dist folder of its own, beside the production build the other specs use. */
const DIST_DIR = `${process.env.GATEHOUSE_NEXT_DIST_DIR || ".next"}-dev`;
/** A fixed 32-byte secret: for this test only. */
const SECRET = "0d5e4c0d5e4c0d5e".repeat(4);
/** A first visit compiles the page (and the API route) in `next dev`. */
const COMPILE = 240_000;

let db: TestDatabase | undefined;
let server: DevServer | undefined;
/** Whether the checkout had an AGENTS.md before `next dev` ran in it (a team may keep its own). */
const agentsFileBefore = existsSync("AGENTS.md");

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  test.setTimeout(180_000);
  db = await createTestDatabase("sqlite");
  server = await startDevServer({ port: await freePort(), databaseUrl: db.url, distDir: DIST_DIR, secret: SECRET });
});

test.afterAll(async () => {
  await server?.stop();
  await db?.drop();
});

async function submitAuthForm(page: Page, email: string, button: "Sign up" | "Sign in") {
  await hydrated(page, "form.gh-auth-form", COMPILE);
  await page.locator("#email").fill(email);
  await page.locator("#password").fill(PASSWORD);
  await page.getByRole("button", { name: button, exact: true }).click();
}

test("sign up on 127.0.0.1 at a random port without GATEHOUSE_APP_ORIGIN → header shows the email → account → sessions → sign out", async ({
  page,
}) => {
  test.setTimeout(10 * 60_000);
  const origin = `http://127.0.0.1:${server!.port}`;
  const email = freshEmail("newcomer");
  const header = page.getByRole("banner");

  await test.step("signed out, the header offers sign-in and sign-up", async () => {
    await page.goto(`${origin}/`, { timeout: COMPILE });
    await expect(header.getByRole("link", { name: "Sign up" })).toBeVisible();
    await header.getByRole("link", { name: "Sign up" }).click();
    await expect(page).toHaveURL((url) => url.pathname === "/auth" && url.searchParams.get("show") === "signup", { timeout: COMPILE });
  });

  await test.step("sign up lands on /dashboard, as the README says", async () => {
    await submitAuthForm(page, email, "Sign up");
    await expect(page).toHaveURL((url) => url.pathname === "/dashboard", { timeout: COMPILE });
    await expect(page.locator("#form-error")).toHaveCount(0);
  });

  await test.step("the header shows the signed-in email; the dashboard the email and the payload", async () => {
    await expect(header.getByTestId("user-email")).toHaveText(email, { timeout: COMPILE });
    await expect(page.getByTestId("dashboard-email")).toHaveText(email);
    expect(JSON.parse(await page.getByTestId("payload").innerText())).toMatchObject({ role: "user", method: "emailpassword" });
    await expect(header.getByRole("link", { name: "Admin" })).toHaveCount(0);
  });

  await test.step("account", async () => {
    await header.getByRole("link", { name: "Account" }).click();
    await expect(page).toHaveURL((url) => url.pathname === "/account", { timeout: COMPILE });
    await expect(page.getByTestId("account-email")).toHaveText(email, { timeout: COMPILE });
    await expect(header.getByTestId("user-email")).toHaveText(email);
  });

  await test.step("sessions", async () => {
    await page.getByRole("banner").getByRole("link", { name: "Sessions" }).click();
    await expect(page).toHaveURL((url) => url.pathname === "/account/sessions", { timeout: COMPILE });
    await expect(page.getByTestId("session")).toHaveCount(1, { timeout: COMPILE });
    await expect(header.getByTestId("user-email")).toHaveText(email);
  });

  await test.step("sign out", async () => {
    await hydrated(page, "header [data-testid=sign-out]", COMPILE);
    await header.getByRole("button", { name: "Sign out", exact: true }).click();
    await expect(page).toHaveURL((url) => url.pathname === "/auth", { timeout: COMPILE });
    await page.goto(`${origin}/dashboard`, { timeout: COMPILE });
    await expect(page).toHaveURL((url) => url.pathname === "/auth" && url.searchParams.get("redirectToPath") === "/dashboard");
    await page.goto(`${origin}/`, { timeout: COMPILE });
    await expect(header.getByTestId("user-email")).toHaveCount(0);
    await expect(header.getByRole("link", { name: "Sign in" })).toBeVisible();
  });
});

test("sign-up at http://localhost:<port> works too, and nothing was refused on the way", async ({ page }) => {
  test.setTimeout(6 * 60_000);
  const email = freshEmail("newcomer-localhost");
  const origin = `http://localhost:${server!.port}`;
  await page.goto(`${origin}/auth?show=signup`, { timeout: COMPILE });
  await submitAuthForm(page, email, "Sign up");
  await expect(page).toHaveURL((url) => url.pathname === "/dashboard", { timeout: COMPILE });
  await expect(page.getByRole("banner").getByTestId("user-email")).toHaveText(email, { timeout: COMPILE });
  expect(server!.output()).not.toContain("csrf.origin_refused");
});

test("development emails: the reset and verify screens point to /dev/outbox, which wraps long lines", async ({ page }) => {
  test.setTimeout(8 * 60_000);
  const origin = `http://localhost:${server!.port}`;
  const email = freshEmail("newcomer-outbox");
  await page.setViewportSize({ width: 1280, height: 800 });

  await test.step("sign up, then the verify-email screen", async () => {
    await page.goto(`${origin}/auth?show=signup`, { timeout: COMPILE });
    await submitAuthForm(page, email, "Sign up");
    await expect(page).toHaveURL((url) => url.pathname === "/dashboard", { timeout: COMPILE });
    await page.goto(`${origin}/auth/verify-email`, { timeout: COMPILE });
    await expect(page.getByTestId("dev-outbox-notice")).toBeVisible({ timeout: COMPILE });
  });

  await test.step("the reset screen, signed out", async () => {
    await page.context().clearCookies();
    await page.goto(`${origin}/auth/reset-password`, { timeout: COMPILE });
    await hydrated(page, "form", COMPILE);
    await page.getByLabel("Email").fill(email);
    await page.getByRole("button", { name: "Email me a reset link" }).click();
    const notice = page.getByTestId("dev-outbox-notice");
    await expect(notice).toBeVisible({ timeout: COMPILE });
    await notice.getByRole("link", { name: "/dev/outbox" }).click();
  });

  await test.step("the outbox holds both emails and does not scroll sideways", async () => {
    await expect(page).toHaveURL((url) => url.pathname === "/dev/outbox", { timeout: COMPILE });
    await expect(page.getByTestId("outbox-email").first()).toBeVisible({ timeout: COMPILE });
    expect(await page.getByTestId("outbox-email").count()).toBeGreaterThanOrEqual(2);
    const { scrollWidth, clientWidth } = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth,
      clientWidth: document.documentElement.clientWidth,
    }));
    expect(scrollWidth).toBeLessThanOrEqual(clientWidth);
  });
});

test("next dev leaves the checkout as it was: it writes no AGENTS.md of its own", () => {
  // Next 16.5's dev server writes (and re-adds) an AGENTS.md block unless next.config says not to:
  // a file the team never wrote, left untracked by `npm run dev` and by `npm test` itself.
  expect(server!.output()).not.toMatch(/for AI agents|upgrade instructions in/);
  if (!agentsFileBefore) expect(existsSync("AGENTS.md")).toBe(false);
});
