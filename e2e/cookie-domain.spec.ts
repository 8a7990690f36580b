// Sub-domain sessions: with cookieDomain ".gatehouse.test", a session made on a.gatehouse.test
// is valid on b.gatehouse.test. Chromium maps both names to 127.0.0.1 (--host-resolver-rules);
// this spec runs its own server on the existing build with those settings.
import { chromium, expect, test, type Browser } from "@playwright/test";
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import { PASSWORD, WAIT_FOR_EXPIRY_MS, freshEmail } from "./support";

const PORT = Number(process.env.E2E_COOKIE_DOMAIN_PORT ?? 3211);
const A = `http://a.gatehouse.test:${PORT}`;
const B = `http://b.gatehouse.test:${PORT}`;

let server: ChildProcess | undefined;
let browser: Browser | undefined;

async function waitForServer(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (server?.exitCode !== null && server?.exitCode !== undefined) throw new Error(`server exited with ${server.exitCode}`);
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms`);
}

test.beforeAll(async () => {
  server = spawn(process.execPath, ["scripts/e2e-server.mjs"], {
    env: {
      ...process.env,
      E2E_SKIP_BUILD: "1", // the main webServer has built the app already
      E2E_PORT: String(PORT),
      E2E_ORIGIN: A,
      E2E_COOKIE_DOMAIN: ".gatehouse.test",
      E2E_TRUSTED_ORIGINS: B,
    },
    stdio: ["ignore", "inherit", "inherit"],
  });
  await waitForServer(`http://127.0.0.1:${PORT}/auth`, 60_000);
  const system = "/usr/bin/chromium";
  browser = await chromium.launch({
    executablePath: process.env.E2E_CHROMIUM || (fs.existsSync(system) ? system : undefined),
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-dev-shm-usage",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--host-resolver-rules=MAP *.gatehouse.test 127.0.0.1",
    ],
  });
});

test.afterAll(async () => {
  await browser?.close();
  if (server && server.exitCode === null) {
    const exited = new Promise((r) => server!.once("exit", r));
    server.kill("SIGTERM");
    await exited;
  }
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
