// Organizations in the built-in UI, as two people use them: the owner creates an organization and
// invites an address. Opened by the owner, the emailed link says it is for someone else; the
// invitee opens it signed out, signs up from it, comes back, joins and lands in the organization
// (the header's switcher shows it). The role-gated settings page refuses the member, the owner
// promotes them, and after their session's next refresh it opens. Then the member leaves the
// organization while in it, and stays signed in.
// One test on the main e2e server (its mailbox), so that the flow costs few page loads.
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { randomUUID } from "node:crypto";
import { mailboxOf } from "./mailbox";
import { expect, test } from "./browser-contexts";
import { signUpInPage } from "./sign-up-page";
import { PASSWORD, WAIT_FOR_EXPIRY_MS, freshEmail, hydrated } from "./support";

const WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];

async function expectNoViolations(page: Page, label: string) {
  const results = await new AxeBuilder({ page }).withTags(WCAG_21_AA).analyze();
  const summary = results.violations.map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
  expect(summary, `${label}: ${summary.join("\n")}`).toEqual([]);
}

test("invite by email → sign up from the link → join → the role-gated page opens after a promotion", async ({ page, newContext }) => {
  const slug = `e2e-${randomUUID().slice(0, 8)}`;
  const name = `Acme ${slug.slice(4)}`;
  const ownerEmail = freshEmail("org-owner");
  const inviteeEmail = freshEmail("org-invitee");
  const membersPage = `/account/organizations/${slug}`;
  const settingsPage = `${membersPage}/settings`;

  // The owner creates the organization and invites the address as a member.
  await signUpInPage(page, ownerEmail);
  await page.goto("/account/organizations");
  await hydrated(page, 'form[aria-labelledby="create-organization-title"]');
  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByLabel("Short name").fill(slug);
  await page.getByRole("button", { name: "Create organization" }).click();
  await expect(page).toHaveURL(membersPage);
  const inviteForm = page.getByRole("form", { name: "Invite someone" });
  // The page is a full load (the create form assigns window.location): typed before React
  // hydrates the form, the address would stay on screen but not in the form's state.
  await hydrated(page, 'form[aria-labelledby="invite-title"]');
  await inviteForm.getByLabel("Email").fill(inviteeEmail);
  await inviteForm.getByRole("button", { name: "Send invitation" }).click();
  await expect(inviteForm.getByRole("status")).toHaveText(`Invitation sent to ${inviteeEmail}.`);
  await expect(page.getByTestId("invitation-row")).toContainText(inviteeEmail);

  // The invitee opens the link signed out, signs up with the invited address (prefilled) and comes back.
  const email = await mailboxOf().waitFor(inviteeEmail);
  expect(email.link).toContain("/auth/accept-invitation?token=");

  // Opened by someone signed in with another address (the owner): the page says whose it is and
  // offers to sign out; there is nothing to join, and looking uses nothing up.
  await page.goto(email.link!);
  const invitation = page.getByTestId("invitation");
  await expect(invitation.getByRole("alert")).toHaveText(
    `You are signed in as ${ownerEmail}, but this invitation is for ${inviteeEmail}. Sign out, then open the link again and sign in with the invited address.`,
  );
  await expect(invitation.getByRole("button", { name: "Sign out" })).toBeVisible();
  await expect(invitation.getByRole("button", { name: /^Join / })).toHaveCount(0);
  await page.goto(membersPage);
  const invitee = await (await newContext()).newPage();
  await invitee.goto(email.link!);
  await expect(invitee.getByTestId("invitation-summary")).toHaveText(`${inviteeEmail} is invited to join ${name} as Member.`);
  await expectNoViolations(invitee, "accept page, signed out");
  await invitee.getByRole("link", { name: "Create an account" }).click();
  await expect(invitee.locator("#email")).toHaveValue(inviteeEmail);
  await invitee.locator("#password").fill(PASSWORD);
  await invitee.getByRole("button", { name: "Sign up", exact: true }).click();
  await expect(invitee).toHaveURL(/\/auth\/accept-invitation\?token=/);
  await invitee.getByRole("button", { name: `Join ${name} as Member` }).click();

  // Joined, and the session switched to the organization without signing out.
  await expect(invitee).toHaveURL(membersPage);
  await expect(invitee.getByTestId("organization-switcher")).toHaveValue(slug);
  await expect(invitee.getByTestId("member")).toHaveCount(2);
  await invitee.goto(settingsPage);
  await expect(invitee.getByTestId("forbidden")).toBeVisible();

  // The owner promotes the member to admin.
  // The owner's own token has expired by now: the reload goes through the refresh page and back.
  await page.reload();
  await expect(page).toHaveURL(membersPage);
  await expect(page.getByTestId("member")).toHaveCount(2);
  await expectNoViolations(page, "members page, as the owner");
  const row = page.getByTestId("member").filter({ hasText: inviteeEmail });
  await row.getByLabel(`Role of ${inviteeEmail}`).selectOption("admin");
  await row.getByRole("button", { name: "Change role" }).click();
  await expect(page.getByTestId("member").filter({ hasText: inviteeEmail }).getByTestId("member-role")).toHaveText("Admin");

  // The member's token says "member" until its next refresh; after it the page opens.
  await invitee.waitForTimeout(WAIT_FOR_EXPIRY_MS);
  await invitee.goto(settingsPage);
  await expect(invitee.getByTestId("settings-role")).toHaveText("Admin");
  await expect(invitee.getByTestId("organization-switcher")).toHaveValue(slug);

  // Leaving the active organization ends the sessions inside it; the member steps out to
  // personal first and stays signed in.
  await invitee.goto(membersPage);
  await invitee.getByRole("button", { name: `Leave ${name}` }).click();
  await expect(invitee).toHaveURL("/account/organizations");
  await expect(invitee.getByText("You belong to no organization yet.")).toBeVisible();
  await invitee.reload();
  await expect(invitee).toHaveURL("/account/organizations");
  await expect(invitee.getByRole("banner")).toContainText(inviteeEmail);
});
