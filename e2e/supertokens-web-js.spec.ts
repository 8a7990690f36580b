// The unmodified supertokens-web-js client (its browser bundles) driving Gatehouse's FDI API.
import { expect, test, type Page } from "@playwright/test";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { API_BASE, PASSWORD, REFRESH_PATH, WAIT_FOR_EXPIRY_MS, decodeFrontToken, formFields, freshEmail } from "./support";
import { expectOk } from "./web-js-globals";

const BUNDLE_DIR = fileURLToPath(new URL("../node_modules/supertokens-web-js/bundle/", import.meta.url));

/**
 * The bundles are webpack chunks sharing one runtime: `website.*.js` holds the runtime (global
 * `supertokensWebsite`) and must come first; then `supertokens` (global `supertokens`),
 * `session` (`supertokensSession`) and `emailpassword` (`supertokensEmailPassword`).
 */
function bundleFile(prefix: string): string {
  const name = fs.readdirSync(BUNDLE_DIR).find((f) => f.startsWith(`${prefix}.`) && f.endsWith(".js"));
  if (!name) throw new Error(`no ${prefix}.*.js in ${BUNDLE_DIR}`);
  return path.join(BUNDLE_DIR, name);
}
const BUNDLES = ["website", "supertokens", "session", "emailpassword"].map(bundleFile);

// The bundles are injected as inline scripts; a strict CSP on the app's page must not block them.
test.use({ bypassCSP: true });

async function loadClient(page: Page, apiDomain: string) {
  await page.goto("/");
  for (const file of BUNDLES) await page.addScriptTag({ path: file });
  await page.evaluate((apiDomain) => {
    window.supertokens!.init({
      appInfo: { appName: "Gatehouse", apiDomain, apiBasePath: "/api/auth" },
      recipeList: [window.supertokensSession!.init(), window.supertokensEmailPassword!.init()],
    });
  }, apiDomain);
}

type Field = { id: string; value: string };
const fields = (email: string, password: string): Field[] => formFields(email, password).formFields;

function signUp(page: Page, formFields: Field[]) {
  return page.evaluate((formFields) => window.supertokensEmailPassword!.signUp({ formFields }), formFields);
}
function signIn(page: Page, formFields: Field[]) {
  return page.evaluate((formFields) => window.supertokensEmailPassword!.signIn({ formFields }), formFields);
}
function doesSessionExist(page: Page): Promise<boolean> {
  return page.evaluate(() => window.supertokensSession!.doesSessionExist());
}
function signOut(page: Page): Promise<void> {
  return page.evaluate(() => window.supertokensSession!.signOut());
}
/** fetch() from the page, i.e. through the client's interceptor. */
function pageFetch(page: Page, url: string): Promise<{ status: number; body: string }> {
  return page.evaluate(async (url) => {
    const res = await fetch(url);
    return { status: res.status, body: await res.text() };
  }, url);
}

test("sign up, sign in, refresh on expiry and sign out with the unmodified client", async ({ page, baseURL }) => {
  const refreshRequests: string[] = [];
  page.on("request", (req) => {
    if (new URL(req.url()).pathname === REFRESH_PATH) refreshRequests.push(`${req.method()} ${req.url()}`);
  });
  await loadClient(page, new URL(baseURL!).origin);
  const email = freshEmail("stweb");

  const signedUp = expectOk(await signUp(page, fields(email, PASSWORD)));
  const userId: string = signedUp.user.id;
  expect(typeof userId).toBe("string");
  expect(userId).not.toBe("");
  expect(signedUp.user.emails).toContain(email);
  expect(await doesSessionExist(page), "sign-up creates a session").toBe(true);

  await signOut(page);
  expect(await doesSessionExist(page)).toBe(false);

  const wrong = await signIn(page, fields(email, "Wrong-Password-99"));
  expect(wrong.status, JSON.stringify(wrong)).toBe("WRONG_CREDENTIALS_ERROR");
  expect(await doesSessionExist(page)).toBe(false);

  const signedIn = expectOk(await signIn(page, fields(email, PASSWORD)));
  expect(signedIn.user.id).toBe(userId);
  expect(await doesSessionExist(page)).toBe(true);

  const payload = await page.evaluate(() => window.supertokensSession!.getAccessTokenPayloadSecurely());
  expect(payload).toMatchObject({ role: "user", method: "emailpassword" });
  expect(await page.evaluate(() => window.supertokensSession!.getUserId())).toBe(userId);

  await test.step("an expired access token is refreshed by the client's interceptor", async () => {
    await page.waitForTimeout(WAIT_FOR_EXPIRY_MS);
    const before = refreshRequests.length;
    const me = await pageFetch(page, "/api/me");
    expect(me.status, me.body).toBe(200);
    const body = JSON.parse(me.body);
    expect(body.userId).toBe(userId);
    expect(typeof body.sessionHandle).toBe("string");
    expect(body.sessionHandle).not.toBe("");
    expect(body.accessTokenPayload).toMatchObject({ role: "user", method: "emailpassword" });
    expect(refreshRequests.length, "a request to the refresh endpoint").toBeGreaterThan(before);
  });

  await signOut(page);
  expect(await doesSessionExist(page)).toBe(false);
  const after = await pageFetch(page, "/api/me");
  expect(after.status, after.body).toBe(401);
});

test("header mode: tokens in st-access-token / st-refresh-token, Bearer auth", async ({ playwright, baseURL }) => {
  // Separate contexts, so no cookie can stand in for the Authorization header.
  const signer = await playwright.request.newContext({ baseURL });
  const caller = await playwright.request.newContext({ baseURL });
  const headerMode = { rid: "emailpassword", "st-auth-mode": "header" };
  const email = freshEmail("header");

  const up = await signer.post(`${API_BASE}/signup`, { headers: headerMode, data: formFields(email, PASSWORD) });
  expect(up.status(), await up.text()).toBe(200);
  expect((await up.json()).status).toBe("OK");

  const res = await signer.post(`${API_BASE}/signin`, { headers: headerMode, data: formFields(email, PASSWORD) });
  expect(res.status(), await res.text()).toBe(200);
  const body = await res.json();
  expect(body.status).toBe("OK");
  const headers = res.headers();
  const access = headers["st-access-token"];
  const refresh = headers["st-refresh-token"];
  expect(access, "st-access-token header").toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  expect(refresh, "st-refresh-token header").toBeTruthy();
  expect(headers["front-token"], "front-token header").toBeTruthy();
  const front = decodeFrontToken(headers["front-token"]);
  expect(front.uid).toBe(body.user.id);
  expect(front.ate).toBeGreaterThan(Date.now());
  expect(front.up).toMatchObject({ role: "user", method: "emailpassword" });

  const me = await caller.get("/api/me", { headers: { authorization: `Bearer ${access}` } });
  expect(me.status(), await me.text()).toBe(200);
  expect((await me.json()).userId).toBe(body.user.id);

  const noToken = await caller.get("/api/me");
  expect(noToken.status()).toBe(401);
  const forged = await caller.get("/api/me", { headers: { authorization: `Bearer ${access.slice(0, -4)}AAAA` } });
  expect(forged.status()).toBe(401);

  // Refresh in header mode, as supertokens-website does it: the refresh token as Bearer.
  const refreshed = await signer.post(REFRESH_PATH, {
    headers: { rid: "session", "st-auth-mode": "header", authorization: `Bearer ${refresh}` },
  });
  expect(refreshed.status(), await refreshed.text()).toBe(200);
  const newAccess = refreshed.headers()["st-access-token"];
  const newRefresh = refreshed.headers()["st-refresh-token"];
  expect(newAccess, "st-access-token after refresh").toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  expect(newRefresh, "st-refresh-token after refresh").toBeTruthy();
  expect(newRefresh, "refresh token is rotated").not.toBe(refresh);
  const again = await caller.get("/api/me", { headers: { authorization: `Bearer ${newAccess}` } });
  expect(again.status(), await again.text()).toBe(200);
  expect((await again.json()).userId).toBe(body.user.id);

  await signer.dispose();
  await caller.dispose();
});
