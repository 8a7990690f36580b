// A form submitted natively before hydration (Enter before the script runs) must put no field in
// the URL. The page's script chunks are held back (3 s), so that typing happens before hydration.
import { expect, test } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { signUpInPage } from "./sign-up-page";
import { delayScriptChunks, freshEmail, isHydrated } from "./support";

const CREATE_FORM = 'form[aria-labelledby="create-organization-title"]';

function newOrganization() {
  const slug = `pre-${randomUUID().slice(0, 8)}`;
  return { slug, name: `Typed early ${slug.slice(4)}`, membersPage: `/account/organizations/${slug}` };
}

test("Enter in a form before hydration (the create-organization form) puts no field in the URL, and the page still answers", async ({ page }) => {
  const { slug, name } = newOrganization();
  await signUpInPage(page, freshEmail("prehydration-enter"));
  await delayScriptChunks(page);

  await page.goto("/account/organizations", { waitUntil: "commit" });
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Short name").fill(slug);
  expect(await isHydrated(page, CREATE_FORM), "typed before hydration").toBe(false);
  const navigation = page.waitForResponse((response) => response.request().isNavigationRequest());
  await page.getByLabel("Short name").press("Enter");
  const response = await navigation;
  expect(response.status()).toBeLessThan(500);
  expect(response.url()).not.toContain(slug);
  expect(response.url()).not.toContain("name=");
  await expect(page.getByLabel("Short name")).toBeVisible();
  expect(page.url()).not.toContain(slug);
});
