// Custom base paths: the same build started with websiteBasePath "/login" and apiBasePath
// "/api/identity" (set at `next start` through the environment; the proxy applies them at run
// time, no second build). The main flow runs under the custom paths, the browser never touches
// /auth or /api/auth, the refresh cookie is scoped to the custom API, and the default paths 404.
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { mailboxOf } from "./mailbox";
import { startOwnServer, type OwnServer, ownPort } from "./own-server";
import { PASSWORD, WAIT_FOR_EXPIRY_MS, formFields, freshEmail } from "./support";
import { expectOk } from "./web-js-globals";

const PORT = ownPort("E2E_BASE_PATHS_PORT", 3341);
const WEBSITE = "/login";
const API = "/api/identity";
const REFRESH_PATH = `${API}/session/refresh`;

let server: OwnServer | undefined;
const origin = () => server!.origin;

test.beforeAll(async () => {
  server = await startOwnServer(PORT, { E2E_GATEHOUSE_WEBSITE_BASE_PATH: WEBSITE, E2E_GATEHOUSE_API_BASE_PATH: API }, 90_000, WEBSITE);
});

test.afterAll(async () => {
  await server?.stop();
});

/** Every path the browser asked this server for, in order. */
function recordPaths(context: BrowserContext): string[] {
  const paths: string[] = [];
  context.on("request", (request) => {
    const url = new URL(request.url());
    if (url.origin === origin()) paths.push(`${request.method()} ${url.pathname}`);
  });
  return paths;
}

const underDefaults = (paths: string[]) => paths.filter((p) => /^\S+ \/(api\/)?auth(\/|$)/.test(p));

async function fillAndSubmit(page: Page, email: string, button: "Sign in" | "Sign up") {
  await page.locator("#email").fill(email);
  await page.locator("#password").fill(PASSWORD);
  await page.getByRole("button", { name: button, exact: true }).click();
}

test("sign up, refresh after expiry, sign out and sign in again under /login and /api/identity", async ({ page, context }) => {
  const paths = recordPaths(context);
  const email = freshEmail("basepaths");

  await test.step("the home page links to the custom sign-in path", async () => {
    await page.goto(`${origin()}/`);
    // The header's links and the page's own (next/link) alike.
    for (const region of [page.getByRole("banner"), page.getByRole("main")]) {
      await expect(region.getByRole("link", { name: "Sign in" })).toHaveAttribute("href", WEBSITE);
      await expect(region.getByRole("link", { name: "Sign up" })).toHaveAttribute("href", `${WEBSITE}?show=signup`);
    }
    // A client-side navigation (next/link) through the proxy's rewrite.
    await page.getByRole("main").getByRole("link", { name: "Sign in" }).click();
    await expect(page).toHaveURL(`${origin()}${WEBSITE}`);
    await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeVisible();
    await expect(page.getByRole("link", { name: "Forgot password?" })).toHaveAttribute("href", `${WEBSITE}/reset-password`);
  });

  await test.step("a protected page sends the visitor to the custom sign-in path", async () => {
    await page.goto(`${origin()}/dashboard`);
    await expect(page).toHaveURL((url) => url.pathname === WEBSITE && url.searchParams.get("redirectToPath") === "/dashboard");
    await expect(page.getByRole("button", { name: "Sign in", exact: true })).toBeVisible();
  });

  await test.step("the switch link keeps the custom path; sign-up posts to the custom API", async () => {
    const toSignUp = page.getByRole("link", { name: "Create an account" });
    await expect(toSignUp).toHaveAttribute("href", `${WEBSITE}?show=signup&redirectToPath=%2Fdashboard`);
    await toSignUp.click();
    await expect(page).toHaveURL((url) => url.pathname === WEBSITE && url.searchParams.get("show") === "signup");
    await fillAndSubmit(page, email, "Sign up");
    await expect(page).toHaveURL(`${origin()}/dashboard`);
    expect(paths).toContain(`POST ${API}/signup`);
  });
  const userId = (await page.getByTestId("user-id").innerText()).trim();
  expect(userId).not.toBe("");

  // All of the context's cookies: a URL filter would hide the refresh cookie outside its Path.
  const before = await context.cookies();
  await test.step("the refresh cookie is scoped to the custom API's refresh path", async () => {
    expect(before.find((c) => c.name === "sRefreshToken")).toMatchObject({ path: REFRESH_PATH, httpOnly: true });
    expect(before.find((c) => c.name === "sAccessToken")).toMatchObject({ path: "/", httpOnly: true });
    // The browser sends it to the custom refresh path only.
    expect(await context.cookies(`${origin()}${REFRESH_PATH}`)).toContainEqual(expect.objectContaining({ name: "sRefreshToken" }));
    expect((await context.cookies(`${origin()}/api/auth/session/refresh`)).map((c) => c.name)).not.toContain("sRefreshToken");
  });

  await test.step("after the 3 s access token expires, /dashboard refreshes through /login/refresh and stays", async () => {
    await page.waitForTimeout(WAIT_FOR_EXPIRY_MS);
    const seen = paths.length;
    await page.goto(`${origin()}/dashboard`);
    await expect(page).toHaveURL(`${origin()}/dashboard`);
    await expect(page.getByTestId("user-id")).toHaveText(userId);
    const during = paths.slice(seen);
    expect(during).toContain(`GET ${WEBSITE}/refresh`);
    expect(during).toContain(`POST ${REFRESH_PATH}`);
    const after = await context.cookies();
    const value = (name: string, list: typeof after) => list.find((c) => c.name === name)?.value;
    expect(value("sRefreshToken", after), "the refresh token is rotated").not.toBe(value("sRefreshToken", before));
    expect(after.find((c) => c.name === "sRefreshToken")?.path).toBe(REFRESH_PATH);
  });

  await test.step("sign out posts to the custom API, clears the session and lands on /login", async () => {
    await page.getByRole("button", { name: "Sign out", exact: true }).click();
    await expect(page).toHaveURL((url) => url.pathname === WEBSITE);
    expect(paths).toContain(`POST ${API}/signout`);
    const names = (await context.cookies()).filter((c) => c.value !== "").map((c) => c.name);
    expect(names).not.toContain("sAccessToken");
    expect(names).not.toContain("sRefreshToken");
  });

  await test.step("sign in again under the custom path", async () => {
    await page.goto(`${origin()}${WEBSITE}?redirectToPath=/dashboard`);
    await fillAndSubmit(page, email, "Sign in");
    await expect(page).toHaveURL(`${origin()}/dashboard`);
    await expect(page.getByTestId("user-id")).toHaveText(userId);
    expect(paths).toContain(`POST ${API}/signin`);
  });

  expect(underDefaults(paths), "requests to the default paths").toEqual([]);
});

test("the pages and the API answer under the custom paths; the default paths answer 404", async ({ request }) => {
  for (const page of [WEBSITE, `${WEBSITE}?show=signup`, `${WEBSITE}/reset-password`]) {
    const response = await request.get(`${origin()}${page}`, { maxRedirects: 0 });
    expect(response.status(), page).toBe(200);
    expect(await response.text(), page).toContain("gh-");
  }
  const reset = await request.get(`${origin()}${WEBSITE}/reset-password?token=x`);
  expect(reset.headers()["referrer-policy"], "no Referer from a page with an emailed token").toBe("no-referrer");

  const jwks = await request.get(`${origin()}${API}/jwt/jwks.json`);
  expect(jwks.status()).toBe(200);
  expect((await jwks.json()).keys.length).toBeGreaterThan(0);

  for (const page of ["/auth", "/auth?show=signup", "/auth/reset-password", "/auth/refresh?redirectToPath=%2Fdashboard", "/%61uth"]) {
    expect((await request.get(`${origin()}${page}`, { maxRedirects: 0 })).status(), page).toBe(404);
  }
  for (const api of ["/api/auth/jwt/jwks.json", "/api/auth/session/refresh"]) {
    const response = api.endsWith("refresh") ? await request.post(`${origin()}${api}`) : await request.get(`${origin()}${api}`);
    expect(response.status(), api).toBe(404);
    expect(await response.json(), api).toEqual({ message: "not found" });
  }
  const signUpAtDefault = await request.post(`${origin()}/api/auth/signup`, {
    headers: { rid: "emailpassword", origin: origin() },
    data: formFields(freshEmail("basepaths-default"), PASSWORD),
  });
  expect(signUpAtDefault.status()).toBe(404);
});

test("emailed reset links point at the custom website path", async ({ request, page }) => {
  const email = freshEmail("basepaths-reset");
  const headers = { rid: "emailpassword", origin: origin() };
  expect((await request.post(`${origin()}${API}/signup`, { headers, data: formFields(email, PASSWORD) })).status()).toBe(200);
  const asked = await request.post(`${origin()}${API}/user/password/reset/token`, { headers, data: { formFields: [{ id: "email", value: email }] } });
  expect(asked.status()).toBe(200);
  const mail = await mailboxOf(PORT).waitFor(email);
  const link = new URL(mail.link!);
  expect(`${link.origin}${link.pathname}`).toBe(`${origin()}${WEBSITE}/reset-password`);
  await page.goto(link.toString());
  await expect(page.locator("#new-password")).toBeVisible();
});

const BUNDLE_DIR = fileURLToPath(new URL("../node_modules/supertokens-web-js/bundle/", import.meta.url));
// `website` holds the webpack runtime the other bundles need: it goes first.
const BUNDLES = ["website", "supertokens", "session", "emailpassword"].map((prefix) => {
  const name = fs.readdirSync(BUNDLE_DIR).find((f) => f.startsWith(`${prefix}.`) && f.endsWith(".js"));
  if (!name) throw new Error(`no ${prefix}.*.js in ${BUNDLE_DIR}`);
  return path.join(BUNDLE_DIR, name);
});

test.describe("supertokens-web-js", () => {
  test.use({ bypassCSP: true });

  test("signs up, refreshes after expiry and signs out with apiBasePath /api/identity", async ({ page, context }) => {
    const paths = recordPaths(context);
    await page.goto(`${origin()}/`);
    for (const file of BUNDLES) await page.addScriptTag({ path: file });
    await page.evaluate(
      ({ apiDomain, apiBasePath }) => {
        window.supertokens!.init({
          appInfo: { appName: "Gatehouse", apiDomain, apiBasePath },
          recipeList: [window.supertokensSession!.init(), window.supertokensEmailPassword!.init()],
        });
      },
      { apiDomain: origin(), apiBasePath: API },
    );

    const up = expectOk(
      await page.evaluate(
        (fields) => window.supertokensEmailPassword!.signUp({ formFields: fields }),
        formFields(freshEmail("basepaths-webjs"), PASSWORD).formFields,
      ),
    );
    expect(await page.evaluate(() => window.supertokensSession!.doesSessionExist())).toBe(true);
    expect((await context.cookies()).find((c) => c.name === "sRefreshToken")?.path).toBe(REFRESH_PATH);

    await page.waitForTimeout(WAIT_FOR_EXPIRY_MS);
    expect(await page.evaluate(() => window.supertokensSession!.attemptRefreshingSession())).toBe(true);
    expect(paths).toContain(`POST ${REFRESH_PATH}`);
    expect(await page.evaluate(() => window.supertokensSession!.getUserId())).toBe(up.user.id);

    await page.evaluate(() => window.supertokensSession!.signOut());
    expect(paths).toContain(`POST ${API}/signout`);
    expect(await page.evaluate(() => window.supertokensSession!.doesSessionExist())).toBe(false);
    expect(underDefaults(paths), "requests to the default paths").toEqual([]);
  });
});
