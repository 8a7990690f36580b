// Sub-domain sessions: with cookieDomain ".gatehouse.test", a session made on a.gatehouse.test
// is valid on b.gatehouse.test. Chromium maps both names to 127.0.0.1 (--host-resolver-rules);
// this spec runs its own server on the existing build with those settings.
import { chromium, expect, test, type Browser } from "@playwright/test";
import { E2E_CHROMIUM_ARGS, systemChromium } from "../scripts/system-chromium.mjs";
import { startOwnServer, type OwnServer, ownPort } from "./own-server";
import { PASSWORD, WAIT_FOR_EXPIRY_MS, freshEmail } from "./support";

const PORT = ownPort("E2E_COOKIE_DOMAIN_PORT", 3211);
const A = `http://a.gatehouse.test:${PORT}`;
const B = `http://b.gatehouse.test:${PORT}`;

let server: OwnServer | undefined;
let browser: Browser | undefined;

test.beforeAll(async () => {
  server = await startOwnServer(PORT, {
    E2E_ORIGIN: A,
    E2E_COOKIE_DOMAIN: ".gatehouse.test",
    E2E_TRUSTED_ORIGINS: B,
  });
  browser = await chromium.launch({
    executablePath: systemChromium(),
    args: [...E2E_CHROMIUM_ARGS, "--host-resolver-rules=MAP *.gatehouse.test 127.0.0.1"],
  });
});

test.afterAll(async () => {
  await browser?.close();
  await server?.stop();
});

test("a session made on a.gatehouse.test is valid on b.gatehouse.test, refresh included", async () => {
  const context = await browser!.newContext();
  const page = await context.newPage();
  await page.goto(`${A}/auth?show=signup&redirectToPath=/dashboard`);
  await page.locator("#email").fill(freshEmail("subdomain"));
  await page.locator("#password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign up", exact: true }).click();
  await expect(page).toHaveURL(`${A}/dashboard`);
  const userId = (await page.getByTestId("user-id").innerText()).trim();

  const cookies = await context.cookies();
  expect(cookies.find((c) => c.name === "sAccessToken")?.domain).toBe(".gatehouse.test");
  expect(cookies.find((c) => c.name === "sRefreshToken")?.domain).toBe(".gatehouse.test");

  await page.goto(`${B}/dashboard`);
  await expect(page.getByTestId("user-id")).toHaveText(userId);

  // On b, after expiry: the refresh cookie reaches b too, and b's Origin is trusted.
  await page.waitForTimeout(WAIT_FOR_EXPIRY_MS);
  await page.goto(`${B}/dashboard`);
  await expect(page).toHaveURL(`${B}/dashboard`);
  await expect(page.getByTestId("user-id")).toHaveText(userId);

  // A host that is not under the cookie domain gets nothing.
  await page.goto(`http://127.0.0.1:${PORT}/dashboard`);
  await expect(page).toHaveURL((url) => url.pathname === "/auth");
  await context.close();
});
