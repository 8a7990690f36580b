// The Docker image, without Docker: images cannot be pulled on these machines, so this runs what
// the image runs. scripts/standalone-bundle.mjs (the image's build stage runs it) assembles this
// run's build into a folder of its own, outside the checkout, as the runtime stage's /app; then
// scripts/docker-start.sh (the image's CMD) migrates a fresh PostgreSQL database and execs
// `node server.js`, with the environment the image and compose.yaml give it. What the Dockerfile
// adds beyond these two scripts is the base image, the user and one COPY of the whole folder
// (docs/docker.md). A file the standalone server needs and the bundle leaves out fails here.
import { expect, test } from "@playwright/test";
import { execFile, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { createLocalJWKSet, jwtVerify } from "jose";
import { rawQuery } from "../lib/store/testing/raw-query.mjs";
import { hermeticEnv } from "../scripts/hermetic-env.mjs";
import { createTestDatabase, type TestDatabase } from "../scripts/test-db.mjs";
import { API_BASE, PASSWORD, formFields, freshEmail } from "./support";
import { ownPort } from "./own-server";

const PORT = ownPort("E2E_DOCKER_STANDALONE_PORT", 3291);
const ORIGIN = `http://localhost:${PORT}`;
/** The build the main e2e server made (playwright.config.ts → scripts/e2e-server.mjs). */
const DIST_DIR = process.env.GATEHOUSE_NEXT_DIST_DIR || ".next";
/** A fixed 32-byte secret: for this test only. */
const SECRET = "d0c4e75ed0c4e75e".repeat(4);

const run = promisify(execFile);

let db: TestDatabase | undefined;
let workDir = "";
let bundle = "";
let server: ChildProcess | undefined;
let output = "";

test.describe.configure({ mode: "serial" });

test.beforeAll(async () => {
  // Assembling copies the traced node_modules; then a cold start and a migration, on shared cores.
  test.setTimeout(180_000);
  db = await createTestDatabase("postgresql", { migrate: false });
  workDir = fs.mkdtempSync(path.join(os.tmpdir(), "gatehouse-docker-"));
  bundle = path.join(workDir, "app");
  await run(process.execPath, ["scripts/standalone-bundle.mjs", bundle], {
    env: { ...process.env, GATEHOUSE_NEXT_DIST_DIR: DIST_DIR },
  });

  // The image's environment (Dockerfile ENV, compose.yaml), loopback instead of 0.0.0.0. No
  // GATEHOUSE_NEXT_DIST_DIR: server.js carries the build's settings itself.
  const env = hermeticEnv({
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    PORT: String(PORT),
    HOSTNAME: "127.0.0.1",
    DATABASE_URL: db.url,
    GATEHOUSE_SECRET: SECRET,
    GATEHOUSE_APP_ORIGIN: ORIGIN,
  });
  // Started from elsewhere: the script finds its folder itself, as CMD does from WORKDIR.
  server = spawn("sh", [path.join(bundle, "scripts", "docker-start.sh")], { cwd: workDir, env, stdio: ["ignore", "pipe", "pipe"] });
  server.stdout!.on("data", (d) => (output += d));
  server.stderr!.on("data", (d) => (output += d));

  const deadline = Date.now() + 150_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`docker-start.sh exited with ${server.exitCode}:\n${output}`);
    try {
      if ((await fetch(`${ORIGIN}/api/health`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`the standalone server did not answer within 150 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 300));
  }
});

test.afterAll(async () => {
  if (server && server.exitCode === null) {
    const exited = new Promise((resolve) => server!.once("exit", resolve));
    server.kill("SIGTERM");
    await exited;
  }
  await db?.drop();
  if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
});

test("the Dockerfile builds, copies, starts and checks the bundle with the scripts this spec runs", () => {
  // Dockerfile continuation lines joined, so that each instruction is one line.
  const instructions = fs
    .readFileSync("Dockerfile", "utf8")
    .replace(/\s*\\\n\s*/g, " ")
    .split("\n");
  const has = (pattern: RegExp) => instructions.some((line) => pattern.test(line));
  expect(has(/^RUN .*npm run build && node scripts\/standalone-bundle\.mjs \/bundle$/)).toBe(true);
  expect(has(/^COPY --from=build \/bundle \.\/$/)).toBe(true);
  expect(has(/^ENV NODE_ENV=production .*PORT=3000 .*HOSTNAME=0\.0\.0\.0$/)).toBe(true);
  expect(has(/^HEALTHCHECK .*CMD \["node", "scripts\/docker-healthcheck\.mjs"\]$/)).toBe(true);
  expect(instructions.filter((line) => line.startsWith("CMD "))).toEqual(['CMD ["sh", "scripts/docker-start.sh"]']);
});

test("the start command migrated the empty database before the server started", async () => {
  const committed = fs
    .readdirSync(path.join("prisma", "postgresql", "migrations"), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const applied = await rawQuery(db!.url, "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL");
  expect(applied.map((row) => row.migration_name).sort()).toEqual(committed);
  expect(output).toContain(`db:migrate: applied ${committed.length} migration(s).`);
});

test("the image's health check passes against the running server", async () => {
  // Exits 0 or throws with the exit code.
  await run(process.execPath, [path.join(bundle, "scripts", "docker-healthcheck.mjs")], { env: { ...process.env, PORT: String(PORT) } });
});

test("sign up through the API: the session opens the protected page, and its token verifies against the JWKS", async ({ playwright }) => {
  const api = await playwright.request.newContext({ baseURL: ORIGIN });
  try {
    const email = freshEmail("docker");
    const signUp = await api.post(`${API_BASE}/signup`, { headers: { rid: "emailpassword", origin: ORIGIN }, data: formFields(email, PASSWORD) });
    expect(signUp.status(), await signUp.text()).toBe(200);
    const body = await signUp.json();
    expect(body.status).toBe("OK");
    const userId: string = body.user.id;

    const dashboard = await api.get("/dashboard", { maxRedirects: 0 });
    expect(dashboard.status()).toBe(200);
    expect(await dashboard.text()).toContain(userId);

    const accessToken = (await api.storageState()).cookies.find((c) => c.name === "sAccessToken")?.value;
    expect(accessToken).toBeTruthy();
    const jwksResponse = await api.get("/.well-known/jwks.json");
    expect(jwksResponse.status()).toBe(200);
    const { payload } = await jwtVerify(accessToken!, createLocalJWKSet(await jwksResponse.json()));
    expect(payload.sub).toBe(userId);

    // Without the session, the protected page sends the browser to sign in.
    const anonymous = await playwright.request.newContext({ baseURL: ORIGIN });
    const refused = await anonymous.get("/dashboard", { maxRedirects: 0 });
    await anonymous.dispose();
    expect(refused.status()).toBeGreaterThanOrEqual(300);
    expect(refused.status()).toBeLessThan(400);
    expect(refused.headers()["location"]).toContain("/auth");
  } finally {
    await api.dispose();
  }
});

test("the sign-in page runs in a browser on the bundle's static files", async ({ page, playwright }) => {
  const email = freshEmail("docker-ui");
  const api = await playwright.request.newContext({ baseURL: ORIGIN });
  const signUp = await api.post(`${API_BASE}/signup`, { headers: { rid: "emailpassword", origin: ORIGIN }, data: formFields(email, PASSWORD) });
  expect(signUp.status()).toBe(200);
  await api.dispose();

  const staticAnswers: number[] = [];
  page.on("response", (response) => {
    if (new URL(response.url()).pathname.startsWith("/_next/static/")) staticAnswers.push(response.status());
  });
  await page.goto(`${ORIGIN}/auth?redirectToPath=/dashboard`);
  await page.locator("#email").fill(email);
  await page.locator("#password").fill(PASSWORD);
  // Signing in is the page's own script calling the API: it runs only if the bundle serves it.
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL((url) => url.pathname === "/dashboard");
  await expect(page.getByTestId("user-id")).not.toBeEmpty();
  expect(staticAnswers.length).toBeGreaterThan(0);
  expect(staticAnswers.every((status) => status === 200)).toBe(true);
});
