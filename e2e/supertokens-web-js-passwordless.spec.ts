// The unmodified supertokens-web-js passwordless recipe (its browser bundle) signing up and in by
// code and by magic link, with the emails delivered over SMTP to the e2e server's sink. Its own
// server, with passwordless on.
import { expect, test, type Page } from "@playwright/test";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { mailboxOf } from "./mailbox";
import { startOwnServer, type OwnServer, ownPort } from "./own-server";
import { freshEmail } from "./support";
import "./web-js-globals";

const PORT = ownPort("E2E_PASSWORDLESS_WEB_JS_PORT", 3363);
const ORIGIN = `http://localhost:${PORT}`;
const BUNDLE_DIR = fileURLToPath(new URL("../node_modules/supertokens-web-js/bundle/", import.meta.url));
// website.* holds the webpack runtime shared by the others, so it goes first.
const BUNDLES = ["website", "supertokens", "session", "passwordless"].map((prefix) => {
  const name = fs.readdirSync(BUNDLE_DIR).find((f) => f.startsWith(`${prefix}.`) && f.endsWith(".js"));
  if (!name) throw new Error(`no ${prefix}.*.js in ${BUNDLE_DIR}`);
  return path.join(BUNDLE_DIR, name);
});
const mailbox = mailboxOf(PORT);
let server: OwnServer | undefined;

test.use({ baseURL: ORIGIN, bypassCSP: true });

test.beforeAll(async () => {
  server = await startOwnServer(PORT, { E2E_PASSWORDLESS: "USER_INPUT_CODE_AND_MAGIC_LINK" });
});

test.afterAll(async () => {
  await server?.stop();
});

/** Opens `url` (the recipe reads the link's preAuthSessionId and #linkCode from it) and starts the client. */
async function loadClient(page: Page, url: string) {
  await page.goto(url);
  for (const file of BUNDLES) await page.addScriptTag({ path: file });
  await page.evaluate((apiDomain) => {
    window.supertokens!.init({
      appInfo: { appName: "Gatehouse", apiDomain, apiBasePath: "/api/auth" },
      recipeList: [window.supertokensSession!.init(), window.supertokensPasswordless!.init()],
    });
  }, ORIGIN);
}

/** A recipe call's result without its fetchResponse (which cannot leave the page). */
const call = (page: Page, expression: string) =>
  page.evaluate(`${expression}.then((r) => { if (r && typeof r === "object") { const { fetchResponse, ...rest } = r; return rest; } return r; })`);
const pl = "window.supertokensPasswordless";
/** What a successful consumeCode answers, as far as these checks read it. */
type SignedIn = { status: string; user: { id: string } };
const codeIn = (text: string) => /\b(\d{6})\b/.exec(text)?.[1] ?? "";
const linkIn = (text: string) => /(http\S+\/auth\/verify\?\S+)/.exec(text)?.[1] ?? "";

test("passwordless recipe: createCode, a wrong code, resendCode, consumeCode by code; the session exists; sign-in again by magic link", async ({
  page,
}) => {
  const email = freshEmail("stweb-pl");
  await loadClient(page, "/");
  expect(await call(page, `${pl}.doesEmailExist({ email: ${JSON.stringify(email)} })`)).toEqual({ status: "OK", doesExist: false });

  const created = (await call(page, `${pl}.createCode({ email: ${JSON.stringify(email)} })`)) as Record<string, string>;
  expect(created).toMatchObject({
    status: "OK",
    flowType: "USER_INPUT_CODE_AND_MAGIC_LINK",
    deviceId: expect.any(String),
    preAuthSessionId: expect.any(String),
  });
  // The recipe keeps the device itself (getLoginAttemptInfo), as the FDI's login flow expects.
  expect(await page.evaluate(`${pl}.getLoginAttemptInfo().then((i) => i && i.deviceId)`)).toBe(created.deviceId);
  const first = await mailbox.waitFor(email, 1);
  const code = codeIn(first.text);
  expect(code).toMatch(/^\d{6}$/);

  const wrong = code === "000000" ? "111111" : "000000";
  expect(await call(page, `${pl}.consumeCode({ userInputCode: "${wrong}" })`)).toEqual({
    status: "INCORRECT_USER_INPUT_CODE_ERROR",
    failedCodeInputAttemptCount: 1,
    maximumCodeInputAttempts: 5,
  });
  expect(await call(page, `${pl}.resendCode()`)).toEqual({ status: "OK" });
  await mailbox.waitFor(email, 2);

  const signedUp = (await call(page, `${pl}.consumeCode({ userInputCode: "${code}" })`)) as SignedIn;
  expect(signedUp).toMatchObject({
    status: "OK",
    createdNewRecipeUser: true,
    user: { emails: [email], loginMethods: [{ recipeId: "passwordless", email }] },
  });
  expect(await page.evaluate("window.supertokensSession.doesSessionExist()")).toBe(true);
  expect(await page.evaluate("window.supertokensSession.getUserId()")).toBe(signedUp.user.id);
  expect(await call(page, `${pl}.doesEmailExist({ email: ${JSON.stringify(email)} })`)).toEqual({ status: "OK", doesExist: true });
  await page.evaluate("window.supertokensSession.signOut()");
  expect(await page.evaluate("window.supertokensSession.doesSessionExist()")).toBe(false);

  // Again, by the magic link: the recipe reads preAuthSessionId from the query and the link code from the fragment.
  expect(await call(page, `${pl}.createCode({ email: ${JSON.stringify(email)} })`)).toMatchObject({ status: "OK" });
  const third = await mailbox.waitFor(email, 3);
  const link = linkIn(third.text);
  expect(new URL(link).origin).toBe(ORIGIN);
  await loadClient(page, link.slice(ORIGIN.length));
  const signedIn = (await call(page, `${pl}.consumeCode()`)) as SignedIn;
  expect(signedIn).toMatchObject({ status: "OK", createdNewRecipeUser: false, user: { id: signedUp.user.id } });
  expect(await page.evaluate("window.supertokensSession.doesSessionExist()")).toBe(true);
  // A link works once.
  expect(await call(page, `${pl}.consumeCode()`)).toEqual({ status: "RESTART_FLOW_ERROR" });
});
