// Roles in the session: an admin-only page opens after the role is granted and the session
// refreshes, and closes again after the role is removed. This spec runs its own server on the
// existing build with a database file it knows, so that it can make the first admin directly
// in the database, as an operator would with the CLI.
import { expect, test, type APIRequestContext } from "@playwright/test";
import Database from "better-sqlite3";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { startOwnServer, type OwnServer, ownPort } from "./own-server";
import { signUpInPage } from "./sign-up-page";
import { API_BASE, PASSWORD, formFields, freshEmail } from "./support";

const PORT = ownPort("E2E_ROLES_PORT", 3215);
// The spec's point is that a grant reaches a session at its next refresh, not before: the member's
// page must still hold its old token when it asks again after the grant. With the e2e server's
// 3-second tokens, a loaded machine (npm test runs this lane beside the unit and integration
// suites) took longer than that between the sign-up and that second look, so the token had
// refreshed already. This server's tokens last 10 s, and every wait outlasts them.
const ACCESS_TOKEN_TTL_S = 10;
const WAIT_FOR_EXPIRY_MS = ACCESS_TOKEN_TTL_S * 1000 + 1500;
const ORIGIN = `http://localhost:${PORT}`;
// Made in beforeAll, not when the file loads: Playwright's runner loads every spec to list its
// tests, and a folder made then would be left behind (afterAll runs only in the worker).
let dir = "";
let dbFile = "";
let server: OwnServer | undefined;

test.use({ baseURL: ORIGIN });

test.beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "gatehouse-e2e-roles-"));
  dbFile = path.join(dir, "roles.db");
  server = await startOwnServer(PORT, { E2E_DATABASE_URL: `file:${dbFile}`, E2E_ACCESS_TOKEN_TTL: String(ACCESS_TOKEN_TTL_S) });
});

test.afterAll(async () => {
  await server?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

/** An admin's API client: signed up over the API, made admin in the database, then signed in. */
async function adminClient(request: APIRequestContext): Promise<APIRequestContext> {
  const email = freshEmail("admin");
  const up = await request.post(`${API_BASE}/signup`, { headers: { rid: "emailpassword", origin: ORIGIN }, data: formFields(email, PASSWORD) });
  const adminId = (await up.json()).user.id;
  const db = new Database(dbFile);
  db.prepare("INSERT INTO user_roles (user_id, role) VALUES (?, 'admin')").run(adminId);
  db.close();
  const signIn = await request.post(`${API_BASE}/signin`, { headers: { rid: "emailpassword", origin: ORIGIN }, data: formFields(email, PASSWORD) });
  expect(signIn.status()).toBe(200);
  return request;
}

test("admin page: 403 without the role, opens after grant + refresh, closes after removal", async ({ page, request }) => {
  // The admin first: its sign-up and sign-in (two password hashes) stay out of the member's token's lifetime.
  const admin = await adminClient(request);
  const headers = { rid: "session", origin: ORIGIN };
  const memberId = await signUpInPage(page, freshEmail("member"));
  await expect(page.getByTestId("payload")).toBeVisible();
  await expect(page.getByTestId("admin-link")).toHaveCount(0);
  await page.goto("/examples/admin");
  await expect(page.getByTestId("forbidden")).toBeVisible();

  expect((await admin.post(`${API_BASE}/session/refresh`, { headers })).status()).toBe(200);
  const grant = await admin.put(`${API_BASE}/admin/users/${memberId}/roles/admin`, { headers });
  expect(await grant.json()).toEqual({ status: "OK", didUserAlreadyHaveRole: false });

  // The member's token still says "no admin" until its next refresh.
  await page.goto("/examples/admin");
  await expect(page.getByTestId("forbidden")).toBeVisible();
  await page.waitForTimeout(WAIT_FOR_EXPIRY_MS);
  await page.goto("/examples/admin");
  await expect(page).toHaveURL((url) => url.pathname === "/examples/admin");
  await expect(page.getByTestId("user-id")).toHaveText(memberId);
  // The browser sees the role too: <RequireRole> on the dashboard shows the admin link.
  await page.goto("/dashboard");
  await expect(page.getByTestId("admin-link")).toBeVisible();

  // The admin's own access token has expired by now: refresh it, as a client would.
  expect((await admin.post(`${API_BASE}/session/refresh`, { headers })).status()).toBe(200);
  const revoke = await admin.delete(`${API_BASE}/admin/users/${memberId}/roles/admin`, { headers });
  expect(await revoke.json()).toEqual({ status: "OK", didUserHaveRole: true });
  await page.waitForTimeout(WAIT_FOR_EXPIRY_MS);
  await page.goto("/examples/admin");
  await expect(page.getByTestId("forbidden")).toBeVisible();
  await expect(page.getByTestId("user-id")).toHaveCount(0);
});
