// Users imported with `gatehouse import json` (docs/migrating.md) sign in with the passwords they
// had: a bcrypt user on the built-in page, an argon2i user through the unmodified
// supertokens-web-js emailpassword recipe. Afterwards each stored hash is Gatehouse's argon2id
// and the imported roles are in the session. Its own server, on a database file the spec fills
// through the real CLI before the users sign in.
import { expect, test, type Page } from "@playwright/test";
import { hash as argon2Hash } from "@node-rs/argon2";
import { hash as bcryptHash } from "@node-rs/bcrypt";
import Database from "better-sqlite3";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { hermeticEnv } from "../scripts/hermetic-env.mjs";
import { startOwnServer, type OwnServer, ownPort } from "./own-server";
import { expectOk } from "./web-js-globals";

const PORT = ownPort("E2E_IMPORT_PORT", 3432);
const ORIGIN = `http://localhost:${PORT}`;
const BUNDLE_DIR = fileURLToPath(new URL("../node_modules/supertokens-web-js/bundle/", import.meta.url));
// website.* holds the webpack runtime shared by the others, so it goes first.
const BUNDLES = ["website", "supertokens", "session", "emailpassword"].map((prefix) => {
  const name = fs.readdirSync(BUNDLE_DIR).find((f) => f.startsWith(`${prefix}.`) && f.endsWith(".js"));
  if (!name) throw new Error(`no ${prefix}.*.js in ${BUNDLE_DIR}`);
  return path.join(BUNDLE_DIR, name);
});
/** What Gatehouse stores after an upgrade (lib/auth/imported-hashes/stored-hash-format.ts). */
const GATEHOUSE_HASH_PREFIX = "$argon2id$v=19$m=19456,t=2,p=1$";
// Made in beforeAll, not when the file loads: Playwright's runner loads every spec to list its
// tests, and a folder made then would be left behind (afterAll runs only in the worker).
let dir = "";
let dbFile = "";
// The bcrypt user is an admin where it came from: it opens the admin dashboard here too.
const BCRYPT_USER = { email: "bcrypt-user@example.com", password: "Imported-bcrypt-1", role: "admin" };
const ARGON2I_USER = { email: "argon2i-user@example.com", password: "Imported-argon2i-2", role: "billing" };
let server: OwnServer | undefined;

test.use({ baseURL: ORIGIN, bypassCSP: true });

const line = (externalUserId: string, user: typeof BCRYPT_USER, passwordHash: string, hashingAlgorithm: string) => ({
  externalUserId,
  userRoles: [user.role],
  loginMethods: [{ recipeId: "emailpassword", email: user.email, passwordHash, hashingAlgorithm, isVerified: true }],
});

test.beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "gatehouse-e2e-import-"));
  dbFile = path.join(dir, "import.db");
  // The server migrates the database it is given; the import then writes into it, as an
  // operator's `npm run gatehouse -- import` would next to a running app.
  server = await startOwnServer(PORT, { E2E_DATABASE_URL: `file:${dbFile}` });
  const users = path.join(dir, "users.jsonl");
  const argon2i = await argon2Hash(ARGON2I_USER.password, { algorithm: 1, memoryCost: 4096, timeCost: 3 });
  // "legacy 2" cannot be a Gatehouse id: that user gets a new one, and is found by the old.
  const lines = [line("st-1", BCRYPT_USER, await bcryptHash(BCRYPT_USER.password, 8), "bcrypt"), line("legacy 2", ARGON2I_USER, argon2i, "argon2")];
  fs.writeFileSync(users, lines.map((l) => JSON.stringify(l)).join("\n"));
  const run = spawnSync(process.execPath, ["lib/cli/run.mjs", "import", "json", "--from", users], {
    env: hermeticEnv({ DATABASE_URL: `file:${dbFile}`, GATEHOUSE_SECRET: "1e2e".repeat(16), LOG_LEVEL: "warn" }) as NodeJS.ProcessEnv,
    encoding: "utf8",
  });
  expect(run.status, run.stdout + run.stderr).toBe(0);
  expect(run.stdout).toMatch(/imported: 2\n/);
});

test.afterAll(async () => {
  await server?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

function storedHash(email: string): string {
  const db = new Database(dbFile, { readonly: true });
  try {
    return (db.prepare("SELECT password_hash FROM email_password_accounts WHERE email = ?").get(email) as { password_hash: string }).password_hash;
  } finally {
    db.close();
  }
}

/** The roles the session's access token carries (the `st-role` claim). */
const rolesIn = (payload: Record<string, unknown>) => (payload["st-role"] as { v: string[] } | undefined)?.v;

test("a bcrypt user signs in on the built-in page; the hash becomes argon2id; the imported admin role is in the session and opens the admin view of imported users", async ({
  page,
}) => {
  expect(storedHash(BCRYPT_USER.email)).toMatch(/^\$2b\$08\$/);
  await page.goto("/auth?redirectToPath=/dashboard");
  await page.locator("#email").fill(BCRYPT_USER.email);
  await page.locator("#password").fill(BCRYPT_USER.password);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL((url) => url.pathname === "/dashboard");
  // The payload the dashboard rendered with this session (a request of its own could meet the
  // e2e server's 3-second access token already expired).
  expect(rolesIn(JSON.parse(await page.getByTestId("payload").innerText()))).toEqual([BCRYPT_USER.role]);
  expect(storedHash(BCRYPT_USER.email).startsWith(GATEHOUSE_HASH_PREFIX)).toBe(true);

  // The admin search finds the other user by its old id; its page says where it came from.
  await page.goto("/admin");
  await page.getByLabel("Email starts with").fill("legacy 2");
  await page.getByRole("button", { name: "Search", exact: true }).click();
  await page.getByTestId("id-matches").getByRole("link", { name: ARGON2I_USER.email }).click();
  await expect(page.getByTestId("imported-from")).toContainText("from json");
  await expect(page.getByTestId("imported-from")).toContainText("legacy 2");
  await expect(page.getByTestId("imported-hash")).toHaveText("as imported (argon2); upgraded at the user’s next sign-in");
});

async function loadClient(page: Page) {
  await page.goto("/");
  for (const file of BUNDLES) await page.addScriptTag({ path: file });
  await page.evaluate((apiDomain) => {
    window.supertokens!.init({
      appInfo: { appName: "Gatehouse", apiDomain, apiBasePath: "/api/auth" },
      recipeList: [window.supertokensSession!.init(), window.supertokensEmailPassword!.init()],
    });
  }, ORIGIN);
}

const signIn = (page: Page, email: string, password: string) =>
  page.evaluate(
    async ([email, password]) => {
      const { fetchResponse: _, ...result } = await window.supertokensEmailPassword!.signIn({
        formFields: [
          { id: "email", value: email },
          { id: "password", value: password },
        ],
      });
      return result;
    },
    [email, password],
  );

test("an argon2i user signs in through the unmodified supertokens-web-js recipe; the hash becomes argon2id; roles in the token", async ({ page }) => {
  expect(storedHash(ARGON2I_USER.email)).toMatch(/^\$argon2i\$/);
  await loadClient(page);
  expect((await signIn(page, ARGON2I_USER.email, "Not-the-password-3")).status).toBe("WRONG_CREDENTIALS_ERROR");
  expectOk(await signIn(page, ARGON2I_USER.email, ARGON2I_USER.password));
  const payload = await page.evaluate(() => window.supertokensSession!.getAccessTokenPayloadSecurely());
  expect(rolesIn(payload)).toEqual([ARGON2I_USER.role]);
  const upgraded = storedHash(ARGON2I_USER.email);
  expect(upgraded.startsWith(GATEHOUSE_HASH_PREFIX)).toBe(true);
  // The new hash holds the same password, and stays.
  await page.evaluate(() => window.supertokensSession!.signOut());
  expectOk(await signIn(page, ARGON2I_USER.email, ARGON2I_USER.password));
  expect(storedHash(ARGON2I_USER.email)).toBe(upgraded);
});
