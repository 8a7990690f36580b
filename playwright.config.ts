import { defineConfig, devices } from "@playwright/test";
import { ACCESS_TOKEN_TTL_S } from "./e2e/support";
import { IGNORE_ENV_FILES } from "./scripts/hermetic-env.mjs";
import { E2E_CHROMIUM_ARGS, systemChromium } from "./scripts/system-chromium.mjs";

// No process the specs start reads the developer's .env files (scripts/hermetic-env.mjs):
// scripts/e2e-server.mjs pins its own environment, and anything else (the CLI in a spec)
// inherits the switch from here.
Object.assign(process.env, IGNORE_ENV_FILES);

// e2e runs against a production build (`next build` + `next start`) on its own port, with a fresh
// SQLite database and 3-second access tokens: see scripts/e2e-server.mjs.
//   E2E_PORT=3210          port of the app under test
//                          (specs that start their own servers move their ports with it,
//                          e2e/own-server.ts ownPort: two runs on one machine need E2E_PORTs
//                          at least 300 apart)
//   E2E_SKIP_BUILD=1       reuse the existing .next build (faster when only specs changed)
//   E2E_BUILD_SKIP_TYPECHECK=1  the build skips Next's type-check (npm test sets it: its
//                          typecheck step has passed already)
//   E2E_REUSE_SERVER=1     use a server already listening on E2E_PORT (started by hand)
//   E2E_CHROMIUM=/path     browser binary; default Debian's chromium-headless-shell, else its
//                          chromium, else Playwright's own (scripts/system-chromium.mjs)
const PORT = Number(process.env.E2E_PORT ?? 3210);
const BASE_URL = `http://localhost:${PORT}`;
const CI = !!process.env.CI;

const executablePath = systemChromium();

export default defineConfig({
  testDir: "./e2e",
  testMatch: "**/*.spec.ts",
  outputDir: "test-results",
  // Two shared cores also run the Next server: keep the browser side small.
  workers: Number(process.env.E2E_WORKERS ?? (CI ? 1 : 2)),
  fullyParallel: false,
  forbidOnly: CI,
  retries: CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: CI ? [["list"], ["html", { open: "never" }]] : [["list"]],
  use: {
    baseURL: BASE_URL,
    trace: "on-first-retry",
    screenshot: "only-on-failure",
  },
  projects: [
    {
      name: "chromium",
      use: {
        ...devices["Desktop Chrome"],
        launchOptions: {
          executablePath,
          args: [...E2E_CHROMIUM_ARGS],
        },
      },
    },
  ],
  webServer: {
    command: "node scripts/e2e-server.mjs",
    url: `${BASE_URL}/auth`,
    // Merged over process.env, so E2E_SKIP_BUILD reaches the script as well.
    env: {
      E2E_PORT: String(PORT),
      E2E_ACCESS_TOKEN_TTL: String(ACCESS_TOKEN_TTL_S),
    },
    // Migrate + production build on two cores.
    timeout: 10 * 60_000,
    reuseExistingServer: process.env.E2E_REUSE_SERVER === "1",
    stdout: "pipe",
    stderr: "pipe",
    // SIGTERM lets scripts/e2e-server.mjs stop `next start` and delete its temp database.
    gracefulShutdown: { signal: "SIGTERM", timeout: 10_000 },
  },
});
