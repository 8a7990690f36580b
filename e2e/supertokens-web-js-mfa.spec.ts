// The unmodified supertokens-web-js totp and multifactorauth recipes (their browser bundles) against
// a server with MFA on: set up a device, sign out, sign in, the st-mfa claim unmet (protected routes
// 403), the MFA info, a code, the claim met. Codes come from the tests' own RFC 6238 (node:crypto).
import { expect, test, type Page } from "@playwright/test";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { totpCodeAtStep } from "../lib/auth/testing/rfc6238";
import { startOwnServer, type OwnServer, ownPort } from "./own-server";
import { PASSWORD, freshEmail } from "./support";
import "./web-js-globals";

const PORT = ownPort("E2E_MFA_WEB_JS_PORT", 3402);
const ORIGIN = `http://localhost:${PORT}`;
const BUNDLE_DIR = fileURLToPath(new URL("../node_modules/supertokens-web-js/bundle/", import.meta.url));
// website.* holds the webpack runtime shared by the others, so it goes first.
const BUNDLES = ["website", "supertokens", "session", "emailpassword", "totp", "multifactorauth"].map((prefix) => {
  const name = fs.readdirSync(BUNDLE_DIR).find((f) => f.startsWith(`${prefix}.`) && f.endsWith(".js"));
  if (!name) throw new Error(`no ${prefix}.*.js in ${BUNDLE_DIR}`);
  return path.join(BUNDLE_DIR, name);
});
let server: OwnServer | undefined;

test.use({ baseURL: ORIGIN, bypassCSP: true });
test.beforeAll(async () => {
  server = await startOwnServer(PORT, { E2E_MFA: "1" });
});
test.afterAll(async () => {
  await server?.stop();
});

async function loadClient(page: Page) {
  await page.goto("/auth");
  for (const file of BUNDLES) await page.addScriptTag({ path: file });
  await page.evaluate((apiDomain) => {
    const w = window as unknown as Record<string, { init: (config?: unknown) => unknown }>;
    window.supertokens!.init({
      appInfo: { appName: "Gatehouse", apiDomain, apiBasePath: "/api/auth" },
      recipeList: [
        window.supertokensSession!.init(),
        window.supertokensEmailPassword!.init(),
        w.supertokensTOTP.init(),
        w.supertokensMultiFactorAuth.init(),
      ],
    } as never);
  }, ORIGIN);
}

/** A recipe call's result without its fetchResponse (which cannot leave the page). */
const call = (page: Page, expression: string) =>
  page.evaluate(
    `${expression}.then((r) => { if (r && typeof r === "object") { const { fetchResponse, ...rest } = r; return rest; } return r; })`,
  ) as Promise<Record<string, unknown>>;
const fields = (email: string) =>
  JSON.stringify({
    formFields: [
      { id: "email", value: email },
      { id: "password", value: PASSWORD },
    ],
  });
const protectedStatus = (page: Page) => page.evaluate(() => fetch("/api/auth/user/sessions").then((r) => r.status));
const mfaClaim = (page: Page) => page.evaluate(() => window.supertokensSession!.getAccessTokenPayloadSecurely().then((p) => p["st-mfa"]));

test("web-js totp + multifactorauth: set up, sign out, sign in, claim unmet, code, claim met", async ({ page }) => {
  const email = freshEmail("webjs-mfa");
  await loadClient(page);
  expect((await call(page, `window.supertokensEmailPassword.signUp(${fields(email)})`)).status).toBe("OK");
  const device = await call(page, `window.supertokensTOTP.createDevice({ deviceName: "Phone" })`);
  expect(device).toMatchObject({ status: "OK", deviceName: "Phone", qrCodeString: expect.stringMatching(/^otpauth:\/\/totp\//) });
  let step = Math.floor(Date.now() / 30_000);
  const code = () => totpCodeAtStep(String(device.secret), step++);
  expect(await call(page, `window.supertokensTOTP.verifyDevice({ deviceName: "Phone", totp: "${code()}" })`)).toEqual({
    status: "OK",
    wasAlreadyVerified: false,
  });
  expect(await call(page, `window.supertokensTOTP.listDevices()`)).toEqual({
    status: "OK",
    devices: [{ name: "Phone", period: 30, skew: 1, verified: true }],
  });

  await page.evaluate(() => window.supertokensSession!.signOut());
  expect((await call(page, `window.supertokensEmailPassword.signIn(${fields(email)})`)).status).toBe("OK");
  expect(await mfaClaim(page)).toMatchObject({ v: false });
  expect(await protectedStatus(page)).toBe(403);
  const info = await call(page, `window.supertokensMultiFactorAuth.resyncSessionAndFetchMFAInfo()`);
  expect(info).toMatchObject({ status: "OK", factors: { alreadySetup: ["totp"], next: ["totp"] } });

  expect(await call(page, `window.supertokensTOTP.verifyCode({ totp: "000000" === "${code()}" ? "111111" : "000000" })`)).toMatchObject({
    status: "INVALID_TOTP_ERROR",
    currentNumberOfFailedAttempts: 1,
  });
  step--;
  expect(await call(page, `window.supertokensTOTP.verifyCode({ totp: "${code()}" })`)).toEqual({ status: "OK" });
  expect(await mfaClaim(page)).toMatchObject({ v: true, c: { emailpassword: expect.any(Number), totp: expect.any(Number) } });
  expect(await protectedStatus(page)).toBe(200);
});
