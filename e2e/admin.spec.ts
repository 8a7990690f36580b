// The admin dashboard: an admin signs in, pages through the users, opens one and revokes their
// session (which then cannot refresh); a signed-in non-admin is refused, page and API alike; a
// German browser gets the dashboard in German; an admin opens an organization (members, redacted
// login methods, a second factor nothing enforces while MFA is off).
// Like roles.spec.ts, this spec runs its own server on the existing build, with a database file
// it knows, so that it can seed users and make the first admin directly in the database.
import { request as playwrightRequest, type Page } from "@playwright/test";
import { expect, test } from "./browser-contexts";
import Database from "better-sqlite3";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { overflowAtEveryWidth } from "./overflow";
import { startOwnServer, type OwnServer, ownPort } from "./own-server";
import { signUpInPage } from "./sign-up-page";
import { API_BASE, PASSWORD, delayScriptChunks, formFields, freshEmail, hydrated, isHydrated } from "./support";

const PORT = ownPort("E2E_ADMIN_PORT", 3251);
const ORIGIN = `http://localhost:${PORT}`;
// Made in beforeAll, not when the file loads: Playwright's runner loads every spec to list its
// tests, and a folder made then would be left behind (afterAll runs only in the worker).
let dir = "";
let dbFile = "";
const SEEDED = 45;
let server: OwnServer | undefined;

test.use({ baseURL: ORIGIN });

test.beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "gatehouse-e2e-admin-"));
  dbFile = path.join(dir, "admin.db");
  server = await startOwnServer(PORT, { E2E_DATABASE_URL: `file:${dbFile}` });
  // Users who joined over the last days, written as Prisma writes SQLite dates (ISO text).
  const db = new Database(dbFile);
  const insert = db.prepare("INSERT INTO users (id, email, email_verified, time_joined) VALUES (?, ?, 0, ?)");
  for (let i = 0; i < SEEDED; i++) {
    insert.run(randomUUID(), `seeded-${String(i).padStart(2, "0")}@example.com`, new Date(Date.now() - (i + 1) * 3_600_000).toISOString());
  }
  db.close();
});

test.afterAll(async () => {
  await server?.stop();
  fs.rmSync(dir, { recursive: true, force: true });
});

function grantAdmin(userId: string) {
  const db = new Database(dbFile);
  db.prepare("INSERT INTO user_roles (user_id, role) VALUES (?, 'admin')").run(userId);
  db.close();
}

/** A new account, made over the API and granted `admin` in the database, signs in on the built-in page and lands on /admin. */
async function signInAsNewAdmin(page: Page, emailPrefix: string): Promise<void> {
  const adminEmail = freshEmail(emailPrefix);
  const setup = await playwrightRequest.newContext({ baseURL: ORIGIN, extraHTTPHeaders: { origin: ORIGIN } });
  const made = await setup.post(`${API_BASE}/signup`, { headers: { rid: "emailpassword" }, data: formFields(adminEmail, PASSWORD) });
  grantAdmin((await made.json()).user.id);
  await setup.dispose();
  await page.goto("/auth?redirectToPath=/admin");
  await page.locator("#email").fill(adminEmail);
  await page.locator("#password").fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in", exact: true }).click();
  await expect(page).toHaveURL((url) => url.pathname === "/admin");
}

test("an admin signs in, pages through users, opens one, verifies their email and revokes their session", async ({ page }) => {
  // The user to look after, signed in on a device of their own.
  const targetEmail = freshEmail("target");
  const device = await playwrightRequest.newContext({ baseURL: ORIGIN, extraHTTPHeaders: { "user-agent": "Target device", origin: ORIGIN } });
  expect((await device.post(`${API_BASE}/signup`, { headers: { rid: "emailpassword" }, data: formFields(targetEmail, PASSWORD) })).status()).toBe(
    200,
  );

  // The admin's account exists already (made over the API, granted `admin` in the database, as
  // `npm run gatehouse -- roles grant` does); they sign in on the built-in page.
  await signInAsNewAdmin(page, "admin");
  await expect(page.getByTestId("total-users")).toHaveText(String(SEEDED + 2));
  await expect(page.getByTestId("signups-chart")).toBeVisible();
  await expect(page.getByTestId("user-count")).toHaveText(` (${SEEDED + 2})`);
  const rows = page.getByTestId("user-row");
  await expect(rows).toHaveCount(20);
  // Newest first: the two who just signed up, then the seeded users by age.
  await expect(rows.nth(2)).toContainText("seeded-00@example.com");
  // Like every built-in page (no-overflow.spec.ts), the dashboard never scrolls sideways: the
  // table scrolls inside its own box.
  expect(await overflowAtEveryWidth(page)).toEqual([]);

  // The Search button sits on the filters' line (it was 10 px below them): same top, same bottom.
  const searchBox = (await page.getByRole("button", { name: "Search" }).boundingBox())!;
  for (const filter of ["Email starts with", "Order"]) {
    const box = (await page.getByLabel(filter).boundingBox())!;
    expect(Math.abs(box.y - searchBox.y), filter).toBeLessThanOrEqual(1);
    expect(Math.abs(box.y + box.height - (searchBox.y + searchBox.height)), filter).toBeLessThanOrEqual(1);
  }

  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByTestId("page-number")).toHaveText("Page 2");
  await expect(rows.first()).toContainText("seeded-18@example.com");
  await page.getByRole("button", { name: "Next" }).click();
  await expect(page.getByTestId("page-number")).toHaveText("Page 3");
  await expect(rows).toHaveCount(7);
  await expect(page.getByRole("button", { name: "Next" })).toBeDisabled();
  await page.getByRole("button", { name: "Previous" }).click();
  await expect(rows.first()).toContainText("seeded-18@example.com");

  await page.getByLabel("Email starts with").fill(targetEmail.split("@")[0]);
  await page.getByRole("button", { name: "Search" }).click();
  await expect(rows).toHaveCount(1);
  await expect(page.getByTestId("user-count")).toHaveText(" (1)");
  await rows.first().getByRole("link", { name: targetEmail }).click();

  await expect(page.getByTestId("user-detail")).toBeVisible();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(targetEmail);
  await expect(page.getByTestId("email-verified")).toHaveText("not verified");
  await page.getByRole("button", { name: "Mark verified" }).click();
  await expect(page.getByTestId("email-verified")).toHaveText("verified");
  expect(await overflowAtEveryWidth(page)).toEqual([]);
  // "Delete user" is a danger button (--gh-danger, the light theme's red), not the primary blue.
  const danger = "rgb(179, 38, 30)";
  await expect(page.getByRole("button", { name: "Delete user" })).toHaveCSS("background-color", danger);
  await page.getByRole("button", { name: "Delete user" }).click();
  await page.mouse.move(0, 0); // off the button that took its place: not its hover colour
  await expect(page.getByRole("button", { name: "Delete permanently" })).toHaveCSS("background-color", danger);
  await page.getByRole("button", { name: "Cancel" }).click();

  const sessions = page.getByTestId("admin-session");
  await expect(sessions).toHaveCount(1);
  await expect(sessions.first()).toContainText("Target device");
  expect((await device.post(`${API_BASE}/session/refresh`, { headers: { rid: "session" } })).status()).toBe(200);
  await sessions.first().getByRole("button", { name: "Revoke" }).click();
  await expect(sessions).toHaveCount(0);
  await expect(page.getByText("No live sessions.")).toBeVisible();
  // The revoked device is signed out at its next refresh.
  expect((await device.post(`${API_BASE}/session/refresh`, { headers: { rid: "session" } })).status()).toBe(401);
  await device.dispose();
});

test("the users search, typed before the page's script has run, searches for what was typed", async ({ page }) => {
  await signInAsNewAdmin(page, "admin-early");

  // The script chunks held back, so that the search is typed before React hydrates the form.
  await delayScriptChunks(page);
  // And the first, unfiltered load held back too, so that it answers after the search: the
  // table must show the search's answer, not whichever answered last.
  const unfiltered = (url: URL) =>
    [`${API_BASE}/admin/users`, `${API_BASE}/admin/users/count`].includes(url.pathname) && !url.searchParams.has("email");
  await page.route(unfiltered, async (route) => {
    await new Promise((resolve) => setTimeout(resolve, 2_000));
    await route.continue();
  });
  const firstLoadAnswered = page.waitForResponse((response) => unfiltered(new URL(response.url())) && response.url().includes("/count"));
  await page.goto("/admin", { waitUntil: "commit" });
  await page.getByLabel("Email starts with").fill("seeded-07");
  expect(await isHydrated(page, "form.gh-admin-search"), "typed before hydration").toBe(false);
  await hydrated(page, "form.gh-admin-search");
  await page.getByRole("button", { name: "Search" }).click();
  const rows = page.getByTestId("user-row");
  await expect(page.getByTestId("user-count")).toHaveText(" (1)");
  await firstLoadAnswered;
  // Give the late answer its chance to render, then check it changed nothing.
  await page.evaluate(() => new Promise((resolve) => setTimeout(resolve, 500)));
  await expect(page.getByTestId("user-count")).toHaveText(" (1)");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("seeded-07@example.com");
});

test("a signed-in non-admin is refused the dashboard and the admin API; a visitor is sent to sign in", async ({ page, newContext }) => {
  await signUpInPage(page, freshEmail("member"));
  await page.goto("/admin");
  await expect(page.getByTestId("forbidden")).toBeVisible();
  await expect(page.getByTestId("users-table")).toHaveCount(0);
  // A fresh access token first (they live 3 s here), so that the answer is about the role.
  expect((await page.request.post(`${API_BASE}/session/refresh`, { headers: { rid: "session", origin: ORIGIN } })).status()).toBe(200);
  const api = await page.request.get(`${API_BASE}/admin/users`);
  expect(api.status()).toBe(403);
  await page.goto(`/admin/users/${randomUUID()}`);
  await expect(page.getByTestId("forbidden")).toBeVisible();

  const visitor = await (await newContext({ baseURL: ORIGIN })).newPage();
  await visitor.goto("/admin");
  await expect(visitor).toHaveURL((url) => url.pathname === "/auth" && url.searchParams.get("redirectToPath") === "/admin");
});

test("the dashboard speaks German to a browser that asks for it (Accept-Language: de-DE)", async ({ newContext }) => {
  const context = await newContext({ baseURL: ORIGIN, locale: "de-DE" });
  const page = await context.newPage();
  const email = freshEmail("admin-de");
  const made = await page.request.post(`${API_BASE}/signup`, {
    headers: { rid: "emailpassword", origin: ORIGIN },
    data: formFields(email, PASSWORD),
  });
  grantAdmin((await made.json()).user.id);

  await page.goto("/admin");
  await expect(page.locator("main.gh-admin")).toHaveAttribute("lang", "de");
  await expect(page).toHaveTitle("Gatehouse-Verwaltung");
  await expect(page.getByRole("heading", { level: 1, name: "Verwaltung" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Registrierungen" })).toContainText("Benutzer insgesamt");
  await expect(page.getByTestId("signups-chart")).toContainText("Registrierungen in den letzten 30 Tagen");
  await expect(page.getByRole("columnheader", { name: "Registriert am" })).toBeVisible();
  await expect(page.getByTestId("page-number")).toHaveText("Seite 1");
  await expect(page.getByRole("navigation", { name: "Seiten der Benutzerliste" }).getByRole("button", { name: "Weiter" })).toBeEnabled();
  await expect(page.getByRole("button", { name: "Abmelden", exact: true })).toBeVisible();

  await page.getByLabel("E-Mail beginnt mit").fill(email.split("@")[0]);
  await page.getByRole("button", { name: "Suchen" }).click();
  const rows = page.getByTestId("user-row");
  await expect(rows).toHaveCount(1);
  // Dates the German way (31.1.2025, 14:03:00), not the English (1/31/2025, 2:03:00 PM).
  await expect(rows.first()).toContainText(/\d{1,2}\.\d{1,2}\.\d{4}/);
  await expect(rows.first()).toContainText("nein");
  await rows.first().getByRole("link", { name: email }).click();

  await expect(page.getByTestId("user-detail")).toBeVisible();
  await expect(page.getByRole("link", { name: "← Alle Benutzer" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Rollen" })).toBeVisible();
  await expect(page.getByTestId("email-verified")).toHaveText("nicht bestätigt");
  await expect(page.getByRole("button", { name: "Als bestätigt markieren" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Sitzungen (1)" })).toBeVisible();
  await page.getByRole("button", { name: "Benutzer löschen" }).click();
  await expect(page.getByRole("group", { name: "Löschen bestätigen" })).toBeVisible();
});

test("an admin sees the organizations, opens one with its members' emails, never sees a tenant's client secret, and removes a member", async ({
  newContext,
}) => {
  // A reader at +14, a day ahead of the server's UTC: dates are shown in the reader's zone, as
  // everywhere else in the dashboard, not in the server process's.
  const context = await newContext({ baseURL: ORIGIN, timezoneId: "Pacific/Kiritimati", locale: "en-US" });
  const page = await context.newPage();
  const made = await page.request.post(`${API_BASE}/signup`, {
    headers: { rid: "emailpassword", origin: ORIGIN },
    data: formFields(freshEmail("admin-orgs"), PASSWORD),
  });
  grantAdmin((await made.json()).user.id);

  // An organization with two members and its own client at a provider, in a row from before
  // client secrets were sealed (plain text), so that only the page's redaction can hide it.
  const slug = `acme-${randomUUID().slice(0, 8)}`;
  // 23:30 UTC on 6 May is 13:30 on 7 May at +14.
  const now = new Date(Date.UTC(2026, 4, 6, 23, 30)).toISOString();
  const members = [
    ["owner", freshEmail("org-owner")],
    ["member", freshEmail("org-member")],
  ] as const;
  const db = new Database(dbFile);
  const ownClient = { id: "corp", clientId: "acme-client", clientSecret: "plain-client-secret-e2e" };
  db.prepare("INSERT INTO organizations (id, name, login_methods, created_at) VALUES (?, ?, ?, ?)").run(
    slug,
    "Acme Corp",
    // A second factor required, as set while MFA was on: this server has it off.
    JSON.stringify({ thirdPartyProviders: [ownClient], requiredSecondaryFactors: ["totp"] }),
    now,
  );
  for (const [role, email] of members) {
    const id = randomUUID();
    db.prepare("INSERT INTO users (id, email, email_verified, time_joined) VALUES (?, ?, 0, ?)").run(id, email, now);
    db.prepare("INSERT INTO organization_members (organization_id, user_id, role, joined_at) VALUES (?, ?, ?, ?)").run(slug, id, role, now);
  }
  db.close();

  await page.goto("/admin/organizations");
  const row = page.getByTestId("organization-row").filter({ hasText: slug });
  await expect(row.getByRole("cell").nth(1)).toHaveText("Acme Corp");
  await expect(row.getByRole("cell").nth(2)).toHaveText("2");
  await expect(row.getByRole("cell").nth(3)).toHaveText("5/7/2026");
  await row.getByRole("link", { name: slug }).click();

  await expect(page.getByRole("heading", { level: 1, name: "Acme Corp" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 2, name: "Members (2)" })).toBeVisible();
  await expect(page.getByTestId("organization-created")).toHaveText("5/7/2026, 1:30:00 PM");
  const table = page.getByTestId("organization-members");
  await expect(table.getByRole("row").filter({ hasText: members[0][1] }).getByRole("cell").nth(2)).toHaveText("5/7/2026, 1:30:00 PM");
  for (const [, email] of members) await expect(table.getByRole("link", { name: email })).toBeVisible();
  await expect(page.locator("code")).toContainText('"hasClientSecret":true');
  expect(await page.content()).not.toContain(ownClient.clientSecret);
  await expect(page.getByTestId("organization-factors-not-enforced")).toHaveText(/^Its required second factor is not enforced: MFA is off/);

  // The owner has no Remove (ownership is transferred first); the member is removed, asked twice.
  const ownerRow = table.getByRole("row").filter({ hasText: members[0][1] });
  await expect(ownerRow.getByRole("button")).toHaveCount(0);
  const memberRow = table.getByRole("row").filter({ hasText: members[1][1] });
  await hydrated(page, "[data-testid=organization-members] button");
  await memberRow.getByRole("button", { name: "Remove" }).click();
  await memberRow.getByRole("button", { name: `Yes, remove ${members[1][1]}` }).click();
  await expect(page.getByRole("heading", { level: 2, name: "Members (1)" })).toBeVisible();
  await expect(table.getByRole("link", { name: members[1][1] })).toHaveCount(0);
  await expect(table.getByRole("link", { name: members[0][1] })).toBeVisible();
});
