// The unmodified supertokens-web-js multitenancy recipe (its browser bundles) signing in to an
// organization's tenant: the tenant id comes from the page's `?tenantId=` (the recipe's own
// getTenantId), and emailpassword's calls go to /api/auth/<tenantId>/… (docs/organizations.md).
import { expect, test, type Page } from "@playwright/test";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { API_BASE, PASSWORD, formFields, freshEmail } from "./support";
import { expectOk } from "./web-js-globals";
import { mailboxOf } from "./mailbox";

const BUNDLE_DIR = fileURLToPath(new URL("../node_modules/supertokens-web-js/bundle/", import.meta.url));
// website.* holds the webpack runtime shared by the others, so it goes first.
const BUNDLES = ["website", "supertokens", "session", "emailpassword", "multitenancy"].map((prefix) => {
  const name = fs.readdirSync(BUNDLE_DIR).find((f) => f.startsWith(`${prefix}.`) && f.endsWith(".js"));
  if (!name) throw new Error(`no ${prefix}.*.js in ${BUNDLE_DIR}`);
  return path.join(BUNDLE_DIR, name);
});

test.use({ bypassCSP: true });

async function loadClient(page: Page, url: string, apiDomain: string) {
  await page.goto(url);
  for (const file of BUNDLES) await page.addScriptTag({ path: file });
  await page.evaluate((apiDomain) => {
    window.supertokens!.init({
      appInfo: { appName: "Gatehouse", apiDomain, apiBasePath: "/api/auth" },
      recipeList: [window.supertokensSession!.init(), window.supertokensEmailPassword!.init(), window.supertokensMultitenancy!.init()],
    });
  }, apiDomain);
}

/** A recipe call's result without its fetchResponse (which cannot leave the page). */
const call = (page: Page, expression: string) =>
  page.evaluate(`${expression}.then((r) => { if (r && typeof r === "object") { const { fetchResponse, ...rest } = r; return rest; } return r; })`);

/** fetch() with a JSON body from the page, through the client's interceptor (session cookies, anti-CSRF header). */
function pageSend(page: Page, method: string, url: string, body: unknown): Promise<{ status: number; json: Record<string, unknown> }> {
  return page.evaluate(
    async ({ method, url, body }) => {
      const res = await fetch(url, { method, headers: { "content-type": "application/json", rid: "session" }, body: JSON.stringify(body) });
      return { status: res.status, json: await res.json() };
    },
    { method, url, body },
  );
}

test("multitenancy recipe: login methods of a tenant, a member signs in to it (tId in the session), a stranger is refused", async ({
  page,
  baseURL,
}) => {
  const ownerEmail = freshEmail("mt-owner");
  const slug = `t-${freshEmail("x")
    .slice(6, 18)
    .replace(/[^a-z0-9]/g, "")}`;

  // The owner signs up on the public tenant and creates the organization (its tenant).
  await loadClient(page, "/", baseURL!);
  expectOk(await page.evaluate((f) => window.supertokensEmailPassword!.signUp({ formFields: f }), formFields(ownerEmail, PASSWORD).formFields));
  expect(await pageSend(page, "POST", `${API_BASE}/organizations`, { slug, name: "Multitenancy Inc" })).toMatchObject({ status: 200 });
  await page.evaluate(() => window.supertokensSession!.signOut());

  // A page for the tenant: the recipe reads ?tenantId= and sends every emailpassword call to /<tenantId>/….
  await loadClient(page, `/?tenantId=${slug}`, baseURL!);
  expect(await page.evaluate(() => window.supertokensMultitenancy!.getTenantId())).toBe(slug);
  expect(await call(page, "window.supertokensMultitenancy.getLoginMethods()")).toEqual({
    status: "OK",
    thirdParty: { providers: expect.any(Array) },
    firstFactors: expect.arrayContaining(["emailpassword"]),
  });
  const requests: string[] = [];
  page.on("request", (r) => requests.push(new URL(r.url()).pathname));
  expectOk(await page.evaluate((f) => window.supertokensEmailPassword!.signIn({ formFields: f }), formFields(ownerEmail, PASSWORD).formFields));
  expect(requests).toContain(`${API_BASE}/${slug}/signin`);
  const payload = (await page.evaluate(() => window.supertokensSession!.getAccessTokenPayloadSecurely())) as Record<string, unknown>;
  expect(payload).toMatchObject({ tId: slug, "gh-org": { v: { id: slug, role: "owner" } } });
  await page.evaluate(() => window.supertokensSession!.signOut());

  // Someone who is no member (sign-up there is by invitation only) gets the wrong-credentials answer.
  const strangerEmail = freshEmail("mt-stranger");
  expect(
    await call(page, `window.supertokensEmailPassword.signUp({ formFields: ${JSON.stringify(formFields(strangerEmail, PASSWORD).formFields)} })`),
  ).toMatchObject({
    status: "SIGN_UP_NOT_ALLOWED",
  });
  await loadClient(page, "/", baseURL!);
  expectOk(await page.evaluate((f) => window.supertokensEmailPassword!.signUp({ formFields: f }), formFields(strangerEmail, PASSWORD).formFields));
  await page.evaluate(() => window.supertokensSession!.signOut());
  await loadClient(page, `/?tenantId=${slug}`, baseURL!);
  expect(
    await call(page, `window.supertokensEmailPassword.signIn({ formFields: ${JSON.stringify(formFields(strangerEmail, PASSWORD).formFields)} })`),
  ).toEqual({
    status: "WRONG_CREDENTIALS_ERROR",
  });
  expect(await page.evaluate(() => window.supertokensSession!.doesSessionExist())).toBe(false);

  // Password reset under the tenant: the link carries its tenantId, from which the recipe posts
  // the new password under the tenant (the token works only there: lib/http/tenant-fdi.test.ts).
  const emailField = JSON.stringify([{ id: "email", value: ownerEmail }]);
  expect(await call(page, `window.supertokensEmailPassword.sendPasswordResetEmail({ formFields: ${emailField} })`)).toEqual({ status: "OK" });
  const link = new URL((await mailboxOf().waitFor(ownerEmail)).link!);
  expect(link.searchParams.get("tenantId")).toBe(slug);
  await loadClient(page, `/?${link.searchParams}`, baseURL!);
  const newPassword = JSON.stringify([{ id: "password", value: `${PASSWORD}-new` }]);
  expect(await call(page, `window.supertokensEmailPassword.submitNewPassword({ formFields: ${newPassword} })`)).toEqual({ status: "OK" });
  const newCredentials = formFields(ownerEmail, `${PASSWORD}-new`).formFields;
  expectOk(await page.evaluate((f) => window.supertokensEmailPassword!.signIn({ formFields: f }), newCredentials));
  expect(await page.evaluate(() => window.supertokensSession!.getAccessTokenPayloadSecurely())).toMatchObject({ tId: slug });
});
