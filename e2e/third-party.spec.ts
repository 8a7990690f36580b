// Third-party sign-in in a real browser against a real OpenID Provider on loopback
// (oidc-provider, started here in-process: scripts/test-oidc-provider.mjs). This spec runs its
// own app server on the existing build, configured with that provider through the narrow
// E2E_TEST_OIDC_* passthrough of scripts/e2e-server.mjs.
import type { Page } from "@playwright/test";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startTestOidcProvider, type TestOidcProvider } from "../scripts/test-oidc-provider.mjs";
import { expect, test } from "./browser-contexts";
import { startOwnServer, type OwnServer, ownPort } from "./own-server";
import { freshEmail } from "./support";
import { expectOk } from "./web-js-globals";

const PORT = ownPort("E2E_THIRD_PARTY_PORT", 3262);
const OIDC_PORT = ownPort("E2E_OIDC_PORT", 3263);
const ORIGIN = `http://localhost:${PORT}`;
const CALLBACK = `${ORIGIN}/auth/callback/oidc-test`;
let op: TestOidcProvider;
let server: OwnServer | undefined;

test.use({ baseURL: ORIGIN, bypassCSP: true });

test.beforeAll(async () => {
  op = await startTestOidcProvider({ port: OIDC_PORT, redirectUris: [CALLBACK] });
  server = await startOwnServer(PORT, {
    E2E_TEST_OIDC_ISSUER: op.issuer,
    E2E_TEST_OIDC_CLIENT_ID: op.clientId,
    E2E_TEST_OIDC_CLIENT_SECRET: op.clientSecret,
  });
});

test.afterAll(async () => {
  await server?.stop();
  await op?.close();
});

/** At the provider's own login form: type the login and submit, as a person would. */
async function loginAtProvider(page: Page, login: string) {
  await expect(page).toHaveURL((url) => url.origin === op.issuer);
  await page.locator("#login").fill(login);
  await page.getByRole("button", { name: "Sign in" }).click();
}

async function signInWithButton(page: Page, login: string): Promise<string> {
  await page.goto("/auth?redirectToPath=/dashboard");
  await page.getByRole("link", { name: "Continue with Test OIDC" }).click();
  // A browser still signed in at the provider comes straight back, as with any real provider.
  await page.waitForURL((url) => url.origin === op.issuer || url.pathname === "/dashboard");
  if (new URL(page.url()).origin === op.issuer) await loginAtProvider(page, login);
  await expect(page).toHaveURL((url) => url.pathname === "/dashboard");
  await expect(page.getByTestId("payload")).toContainText('"method": "thirdparty"'); // pretty-printed
  return (await page.getByTestId("user-id").innerText()).trim();
}

test("built-in UI: a new user signs up with the provider, then signs in again as the same user", async ({ page, newContext }) => {
  const email = freshEmail("tp");
  const userId = await signInWithButton(page, email);
  const cookies = await page.context().cookies();
  expect(cookies.find((c) => c.name === "sAccessToken")?.httpOnly).toBe(true);
  expect(
    cookies.find((c) => c.name === "sThirdPartyState"),
    "the state cookie is used up",
  ).toBeUndefined();

  // Another browser, the same provider account: the same user.
  const other = await newContext({ baseURL: ORIGIN });
  const again = await signInWithButton(await other.newPage(), email);
  expect(again).toBe(userId);
});

// Open redirect through the sealed state: /thirdparty/start takes `redirectToPath` from the
// query, and the callback page goes there after signing in. Neither the sign-in page's button nor
// a crafted start link may end off the site.
for (const payload of ["/.//evil.example", "/a/..//evil.example", "/%2e//evil.example"]) {
  test(`built-in UI: redirectToPath ${JSON.stringify(payload)} through /thirdparty/start ends on / of the app`, async ({ page }) => {
    const evil: string[] = [];
    page.context().on("request", (r) => {
      if (new URL(r.url()).hostname.endsWith("evil.example")) evil.push(r.url());
    });
    const login = freshEmail("tp-redirect");
    for (const start of [
      async () => {
        await page.goto(`/auth?redirectToPath=${encodeURIComponent(payload)}`);
        await page.getByRole("link", { name: "Continue with Test OIDC" }).click();
      },
      () => page.goto(`/api/auth/thirdparty/start?thirdPartyId=oidc-test&redirectToPath=${encodeURIComponent(payload)}`),
    ]) {
      await start();
      await page.waitForURL((url) => url.origin === op.issuer || (url.origin === ORIGIN && url.pathname === "/"));
      if (new URL(page.url()).origin === op.issuer) await loginAtProvider(page, login);
      await expect(page).toHaveURL((url) => url.origin === ORIGIN && url.pathname === "/");
    }
    expect(evil).toEqual([]);
  });
}

test("built-in UI: a replayed callback and a forged state end on a clear error page, without a session", async ({ page }) => {
  const callbackRequest = page.waitForRequest((r) => r.url().startsWith(`${CALLBACK}?`));
  await signInWithButton(page, freshEmail("replay"));
  const callbackUrl = (await callbackRequest).url();
  await page.context().clearCookies();

  await page.goto(callbackUrl);
  await expect(page.locator("#callback-error")).toContainText("No sign-in with Test OIDC is in progress in this browser");
  expect((await page.context().cookies()).find((c) => c.name === "sAccessToken")).toBeUndefined();

  // A sign-in in progress, and an answer with another state (a login-CSRF link).
  await page.goto("/auth");
  await page.getByRole("link", { name: "Continue with Test OIDC" }).click();
  await expect(page).toHaveURL((url) => url.origin === op.issuer);
  const forged = new URL(callbackUrl);
  forged.searchParams.set("state", "forged-state");
  await page.goto(forged.href);
  await expect(page.locator("#callback-error")).toContainText("state mismatch");
  const cookies = await page.context().cookies();
  expect(cookies.find((c) => c.name === "sAccessToken")).toBeUndefined();
  expect(cookies.find((c) => c.name === "sThirdPartyState")).toBeUndefined();
});

test("built-in UI: cancelling at the provider shows the provider's refusal", async ({ page }) => {
  await page.goto("/auth");
  await page.getByRole("link", { name: "Continue with Test OIDC" }).click();
  await expect(page).toHaveURL((url) => url.origin === op.issuer);
  await page.getByRole("button", { name: "Cancel" }).click();
  await expect(page.locator("#callback-error")).toContainText("access_denied");
  expect((await page.context().cookies()).find((c) => c.name === "sAccessToken")).toBeUndefined();
});

const BUNDLE_DIR = fileURLToPath(new URL("../node_modules/supertokens-web-js/bundle/", import.meta.url));
const bundle = (prefix: string) =>
  path.join(
    BUNDLE_DIR,
    fs.readdirSync(BUNDLE_DIR).find((f) => f.startsWith(`${prefix}.`) && f.endsWith(".js"))!,
  );
const BUNDLES = ["website", "supertokens", "session", "thirdparty"].map(bundle);

/** The unmodified supertokens-web-js bundles, with the Session and ThirdParty recipes. */
async function loadWebJs(page: Page) {
  for (const file of BUNDLES) await page.addScriptTag({ path: file });
  await page.evaluate((apiDomain) => {
    window.supertokens!.init({
      appInfo: { appName: "Gatehouse", apiDomain, apiBasePath: "/api/auth" },
      recipeList: [window.supertokensSession!.init(), window.supertokensThirdParty!.init()],
    });
  }, ORIGIN);
}

test("supertokens-web-js: getAuthorisationURLWithQueryParamsAndSetState, the provider, then signInAndUp on the callback page", async ({ page }) => {
  const email = freshEmail("stweb-tp");
  await page.goto("/");
  await loadWebJs(page);
  const url: string = await page.evaluate(
    (frontendRedirectURI) =>
      window.supertokensThirdParty!.getAuthorisationURLWithQueryParamsAndSetState({ thirdPartyId: "oidc-test", frontendRedirectURI }),
    CALLBACK,
  );
  expect(new URL(url).searchParams.get("code_challenge_method")).toBe("S256");
  await page.goto(url);
  await loginAtProvider(page, email);
  await expect(page).toHaveURL((u) => u.href.startsWith(`${CALLBACK}?`) && u.searchParams.has("code"));

  await loadWebJs(page);
  const result = expectOk(await page.evaluate(() => window.supertokensThirdParty!.signInAndUp()));
  expect(result.createdNewRecipeUser).toBe(true);
  expect(result.user.emails).toEqual([email]);
  expect(result.user.thirdParty).toEqual([{ id: "oidc-test", userId: `sub-${email}` }]);
  expect(await page.evaluate(() => window.supertokensSession!.doesSessionExist())).toBe(true);
  const payload = await page.evaluate(() => window.supertokensSession!.getAccessTokenPayloadSecurely());
  expect(payload).toMatchObject({ method: "thirdparty" });

  // The same provider account through the built-in UI: the same user.
  await page.evaluate(() => window.supertokensSession!.signOut());
  expect(await signInWithButton(page, email)).toBe(result.user.id);
});
