// The app under test ignores the developer's .env files. `next start` loads .env.production.local,
// .env.local, .env.production and .env from the checkout and fills every variable the environment
// leaves unset; scripts/e2e-server.mjs pins the variables it knows, but a developer's other
// settings (here: email verification required, the UI in German, sign-up first) would change
// what every spec sees. This spec plants such a file in the checkout, starts a server of its own
// (e2e/own-server.ts) and checks that none of it arrived.
import { expect, test } from "@playwright/test";
import fs from "node:fs";
import path from "node:path";
import { startOwnServer, type OwnServer, ownPort } from "./own-server";
import { PASSWORD, freshEmail } from "./support";

const PORT = ownPort("E2E_HERMETIC_PORT", 3226);
// The file `next start` reads first; `npm run dev` never writes it, so a checkout rarely has one.
const PLANTED = path.join(process.cwd(), ".env.production.local");
const HOSTILE = [
  "GATEHOUSE_EMAIL_VERIFICATION=REQUIRED",
  "GATEHOUSE_UI_LOCALE=de",
  "GATEHOUSE_UI_DEFAULT_TO_SIGN_UP=1",
  // Read by the example lib/config from the environment: a GitHub button would appear.
  "GATEHOUSE_GITHUB_CLIENT_ID=developer-github-client",
  "GATEHOUSE_GITHUB_CLIENT_SECRET=developer-github-secret",
  `GATEHOUSE_SECRET=${"d".repeat(64)}`,
  "DATABASE_URL=file:/nonexistent/developer.db",
  "",
].join("\n");

test.describe("a developer's .env file in the checkout", () => {
  let server: OwnServer | undefined;
  let planted = false;
  const removePlanted = () => {
    if (planted) fs.rmSync(PLANTED, { force: true });
    planted = false;
  };

  test.beforeAll(async () => {
    test.skip(fs.existsSync(PLANTED), `${PLANTED} exists: this spec does not overwrite a developer's file`);
    // Exclusive create: never clobber a file that appeared meanwhile.
    fs.writeFileSync(PLANTED, HOSTILE, { flag: "wx" });
    planted = true;
    try {
      server = await startOwnServer(PORT);
    } finally {
      // Read once at start: the file can go as soon as the server is up (or failed to start).
      removePlanted();
    }
  });
  test.afterAll(async () => {
    removePlanted();
    await server?.stop();
  });

  test("does not reach the app: English sign-in page, no email verification required", async ({ page }) => {
    await page.goto(`${server!.origin}/auth`);
    await expect(page.getByRole("heading", { name: "Sign in", level: 1 })).toBeVisible();
    await expect(page.locator(".gh-auth")).not.toHaveAttribute("lang", "de");
    await expect(page.getByRole("link", { name: "Continue with GitHub" })).toHaveCount(0);
    await page.goto(`${server!.origin}/auth?show=signup&redirectToPath=/dashboard`);
    await page.locator("#email").fill(freshEmail("hermetic"));
    await page.locator("#password").fill(PASSWORD);
    await page.getByRole("button", { name: "Sign up", exact: true }).click();
    // Email verification REQUIRED would send a new user to /auth/verify-email instead.
    await expect(page).toHaveURL((url) => url.pathname === "/dashboard");
  });
});
