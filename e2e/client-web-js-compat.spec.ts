// lib/client and the unmodified supertokens-web-js on one site: both keep the session in the
// same JS-readable cookies (sFrontToken + st-last-access-token-update), so each sees the other's
// sign-in and sign-out.
import { expect, test, type Page } from "@playwright/test";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PASSWORD, formFields, freshEmail } from "./support";
import { doesSessionExist, signUpThroughForm } from "./client-support";
import "./web-js-globals";

const BUNDLE_DIR = fileURLToPath(new URL("../node_modules/supertokens-web-js/bundle/", import.meta.url));
// `website` holds the webpack runtime the other bundles need: it goes first.
const BUNDLES = ["website", "supertokens", "session", "emailpassword"].map((prefix) => {
  const name = fs.readdirSync(BUNDLE_DIR).find((f) => f.startsWith(`${prefix}.`) && f.endsWith(".js"));
  if (!name) throw new Error(`no ${prefix}.*.js in ${BUNDLE_DIR}`);
  return path.join(BUNDLE_DIR, name);
});

test.use({ bypassCSP: true });

async function loadWebJs(page: Page) {
  for (const file of BUNDLES) await page.addScriptTag({ path: file });
  await page.evaluate((apiDomain) => {
    window.supertokens!.init({
      appInfo: { appName: "Gatehouse", apiDomain, apiBasePath: "/api/auth" },
      recipeList: [window.supertokensSession!.init(), window.supertokensEmailPassword!.init()],
    });
  }, new URL(page.url()).origin);
}

test("a session made by lib/client is seen by supertokens-web-js, and the other way round", async ({ page }) => {
  const email = freshEmail("compat");
  await signUpThroughForm(page, email);
  const userId = await page.evaluate(() => window.gatehouseClient!.getUserId());
  await loadWebJs(page);

  await test.step("web-js reads lib/client's front token", async () => {
    expect(await page.evaluate(() => window.supertokensSession!.doesSessionExist())).toBe(true);
    expect(await page.evaluate(() => window.supertokensSession!.getUserId())).toBe(userId);
  });

  await test.step("web-js signs out: lib/client and useSession see it", async () => {
    await page.evaluate(() => window.supertokensSession!.signOut());
    expect(await doesSessionExist(page)).toBe(false);
    await expect(page.getByTestId("session-state")).toHaveAttribute("data-state", "signed-out");
  });

  await test.step("web-js signs in: lib/client and useSession see it", async () => {
    const result = await page.evaluate(
      (fields) => window.supertokensEmailPassword!.signIn({ formFields: fields }),
      formFields(email, PASSWORD).formFields,
    );
    expect(result.status).toBe("OK");
    expect(await doesSessionExist(page)).toBe(true);
    expect(await page.evaluate(() => window.gatehouseClient!.getUserId())).toBe(userId);
    await expect(page.getByTestId("session-user-id")).toHaveText(userId!);
  });

  await test.step("lib/client signs out: web-js sees it without asking the server", async () => {
    expect(await page.evaluate(() => window.gatehouseClient!.signOut())).toBe(true);
    expect(await page.evaluate(() => window.supertokensSession!.doesSessionExist())).toBe(false);
  });
});
