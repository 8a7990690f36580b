// What a person types before React hydrates a built-in form must be what the form sends, and
// nothing submits a form natively before hydration: its submit button waits for it
// (lib/ui/hydrated.ts), so neither a click nor Enter posts it to the page, losing what was typed.
// The page's script chunks are held back (3 s), so that typing happens before hydration.
import { expect, test, type Page } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { mailboxOf } from "./mailbox";
import { signUpInPage } from "./sign-up-page";
import { API_BASE, PASSWORD, delayScriptChunks, formFields, freshEmail, hydrated, isHydrated } from "./support";

const CREATE_FORM = 'form[aria-labelledby="create-organization-title"]';
const INVITE_FORM = 'form[aria-labelledby="invite-title"]';
const DELETE_FORM = 'form[aria-labelledby="delete-title"]';
const AUTH_FORM = "form.gh-auth-form";
const RESET_REQUEST_FORM = 'form[aria-label="Reset your password"]';
const NEW_PASSWORD_FORM = 'form[aria-label="Choose a new password"]';

function newOrganization() {
  const slug = `pre-${randomUUID().slice(0, 8)}`;
  return { slug, name: `Typed early ${slug.slice(4)}`, membersPage: `/account/organizations/${slug}` };
}

test("Enter in a form before hydration (the create-organization form) submits nothing: no request, no field in the URL, the typing kept", async ({
  page,
}) => {
  const { slug, name } = newOrganization();
  await signUpInPage(page, freshEmail("prehydration-enter"));
  await delayScriptChunks(page);

  await page.goto("/account/organizations", { waitUntil: "commit" });
  const navigations: string[] = [];
  page.on("request", (request) => {
    if (request.isNavigationRequest()) navigations.push(`${request.method()} ${request.url()}`);
  });
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Short name").fill(slug);
  expect(await isHydrated(page, CREATE_FORM), "typed before hydration").toBe(false);
  // The disabled default button stops implicit submission; method="post" would still keep the
  // fields out of the URL.
  expect(await page.locator(CREATE_FORM).getAttribute("method")).toBe("post");
  await page.getByLabel("Short name").press("Enter");
  await hydrated(page, CREATE_FORM);
  expect(navigations, "no native submission").toEqual([]);
  expect(page.url()).not.toContain(slug);
  await expect(page.getByLabel("Name", { exact: true })).toHaveValue(name);
  await expect(page.getByLabel("Short name")).toHaveValue(slug);
});

test("the create-organization form, typed before hydration, creates the organization with the typed name", async ({ page }) => {
  const { slug, name, membersPage } = newOrganization();
  await signUpInPage(page, freshEmail("prehydration-creator"));
  await delayScriptChunks(page);
  await page.goto("/account/organizations", { waitUntil: "commit" });
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Short name").fill(slug);
  expect(await isHydrated(page, CREATE_FORM), "typed before hydration").toBe(false);
  await hydrated(page, CREATE_FORM);
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page).toHaveURL(membersPage);
  await expect(page.locator("#organization-title")).toHaveText(name);
});

/** Signs a new owner up and creates an organization the ordinary way (hydrated, scripts on time). */
async function ownerWithOrganization(page: Page, tag: string) {
  const organization = newOrganization();
  await signUpInPage(page, freshEmail(tag));
  await page.goto("/account/organizations");
  await hydrated(page, CREATE_FORM);
  await page.getByLabel("Name", { exact: true }).fill(organization.name);
  await page.getByLabel("Short name").fill(organization.slug);
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page).toHaveURL(organization.membersPage);
  return organization;
}

test("the invite form, typed and picked before hydration, invites the typed address with the picked role", async ({ page }) => {
  const { membersPage } = await ownerWithOrganization(page, "prehydration-inviter");
  const inviteeEmail = freshEmail("prehydration-invitee");
  await delayScriptChunks(page);
  await page.goto(membersPage, { waitUntil: "commit" });
  const inviteForm = page.getByRole("form", { name: "Invite someone" });
  await inviteForm.getByLabel("Email").fill(inviteeEmail);
  await inviteForm.getByLabel("Role").selectOption("admin");
  expect(await isHydrated(page, INVITE_FORM), "typed before hydration").toBe(false);
  await hydrated(page, INVITE_FORM);
  await inviteForm.getByRole("button", { name: "Send invitation" }).click();
  await expect(inviteForm.getByRole("status")).toHaveText(`Invitation sent to ${inviteeEmail}.`);
  await expect(page.getByTestId("invitation-row")).toContainText(`${inviteeEmail} as Admin`);
  // Sent: the address is cleared for the next one.
  await expect(inviteForm.getByLabel("Email")).toHaveValue("");
});

test("the delete form, confirmed before hydration, deletes once hydrated", async ({ page }) => {
  const { slug, name, membersPage } = await ownerWithOrganization(page, "prehydration-deleter");
  await delayScriptChunks(page);
  await page.goto(membersPage, { waitUntil: "commit" });
  await page.locator("#delete-confirm").fill(slug);
  expect(await isHydrated(page, DELETE_FORM), "typed before hydration").toBe(false);
  await hydrated(page, DELETE_FORM);
  const deleteButton = page.getByRole("button", { name: "Delete organization" });
  await expect(deleteButton, "enabled by the slug typed before hydration").toBeEnabled();
  await deleteButton.click();
  await expect(page).toHaveURL("/account/organizations");
  await expect(page.getByText(name)).toHaveCount(0);
});

test("the organization switcher, picked before hydration, switches once hydrated", async ({ page }) => {
  const { slug } = await ownerWithOrganization(page, "prehydration-switcher");
  await delayScriptChunks(page);
  await page.goto("/account/organizations", { waitUntil: "commit" });
  const switcher = page.getByTestId("organization-switcher");
  await switcher.selectOption(slug);
  expect(await isHydrated(page, "[data-testid=organization-switcher]"), "picked before hydration").toBe(false);
  // The session switches and the page reloads: the list then marks the organization active.
  await expect(page.getByTestId("my-organizations").locator(".gh-badge")).toHaveText("active", { timeout: 20_000 });
  await expect(switcher).toHaveValue(slug);
});

test("the sign-up button waits for hydration: clicked as soon as it can be, it signs up with what was typed before", async ({ page }) => {
  const email = freshEmail("prehydration-signup");
  await delayScriptChunks(page);
  await page.goto("/auth?show=signup&redirectToPath=/dashboard", { waitUntil: "commit" });
  await page.locator("#email").fill(email);
  await page.locator("#password").fill(PASSWORD);
  const button = page.getByRole("button", { name: "Sign up", exact: true });
  // Before hydration a click would submit the form natively: the page answered with itself, the
  // password gone and nobody signed up.
  expect(await isHydrated(page, AUTH_FORM), "typed before hydration").toBe(false);
  await expect(button).toBeDisabled();
  await button.click();
  await expect(page).toHaveURL((url) => url.pathname === "/dashboard");
  await expect(page.getByTestId("dashboard-email")).toHaveText(email);
});

test("the password reset's buttons wait for hydration: both steps, typed before it, send what was typed", async ({ page, request, baseURL }) => {
  const email = freshEmail("prehydration-reset");
  const signedUp = await request.post(`${API_BASE}/signup`, {
    headers: { rid: "emailpassword", origin: baseURL! },
    data: formFields(email, PASSWORD),
  });
  expect((await signedUp.json()).status).toBe("OK");
  await delayScriptChunks(page);

  await page.goto("/auth/reset-password", { waitUntil: "commit" });
  await page.getByLabel("Email").fill(email);
  const send = page.getByRole("button", { name: "Email me a reset link" });
  // Before hydration a click would submit the form natively: the page answered with itself, the
  // address gone and no link sent.
  expect(await isHydrated(page, RESET_REQUEST_FORM), "typed before hydration").toBe(false);
  await expect(send).toBeDisabled();
  await send.click();
  await expect(page.getByRole("status")).toContainText(`If an account exists for ${email}`);
  const { link } = await mailboxOf().waitFor(email);

  await page.goto(link!, { waitUntil: "commit" });
  const newPassword = "Typed-Early-Horse-51";
  await page.getByLabel("New password", { exact: true }).fill(newPassword);
  await page.getByLabel("Confirm the new password").fill(newPassword);
  const change = page.getByRole("button", { name: "Change password" });
  expect(await isHydrated(page, NEW_PASSWORD_FORM), "typed before hydration").toBe(false);
  await expect(change).toBeDisabled();
  await change.click();
  await expect(page.getByRole("heading", { name: "Password changed" })).toBeVisible();
  // The password typed before hydration is the one set.
  const signedIn = await request.post(`${API_BASE}/signin`, {
    headers: { rid: "emailpassword", origin: baseURL! },
    data: formFields(email, newPassword),
  });
  expect((await signedIn.json()).status).toBe("OK");
});
