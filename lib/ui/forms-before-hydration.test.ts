import { createElement as h, type ReactElement } from "react";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { en } from "../i18n/en";
import { AcceptInvitation } from "./accept-invitation";
import { AccountPasskeys } from "./account-passkeys";
import { ORGANIZATION_MEMBER_REMOVE_MESSAGES } from "./admin/admin-messages";
import { RemoveOrganizationMember } from "./admin/organization-member-remove";
import { UsersTable } from "./admin/users-table";
import { ChangePasswordForm } from "./change-password-form";
import { pickMessages } from "./client-messages";
import { CreateOrganizationForm } from "./create-organization-form";
import { MfaChallenge } from "./mfa-challenge";
import { MfaSecurity } from "./mfa-security";
import { NewPasswordForm } from "./new-password-form";
import { OrganizationDangerZone } from "./organization-danger-zone";
import { OrganizationInvitations } from "./organization-invitations";
import { OrganizationMembers } from "./organization-members";
import { PasskeyRecover } from "./passkey-recover";
import { PasskeySignIn } from "./passkey-sign-in";
import { PasswordlessForm } from "./passwordless-form";
import { PasswordlessLink } from "./passwordless-link";
import { ResetPasswordRequestForm } from "./reset-password-request-form";
import { SignOutButton } from "./sign-out-button";
import { TotpSetup } from "./totp-setup";
import { VerifyEmailLink } from "./verify-email-link";

// Every built-in form that is in the server's HTML (auth-form.test.ts has the sign-in and sign-up
// form). Clicked before React hydrates it, a submit button would submit its form natively: a POST
// that the page answers with itself, what was typed gone and nothing done. Forms that appear only
// after something ran in the browser (the passwordless code entry, TOTP setup's code, the passkey
// list's rename) cannot be clicked before hydration and are not here.
const forms: [string, ReactElement, number][] = [
  ["the change-password form", h(ChangePasswordForm, {}), 1],
  ["the create-organization form", h(CreateOrganizationForm, {}), 1],
  ["the MFA code form", h(MfaChallenge, { redirectToPath: "/dashboard" }), 1],
  ["the new-password form (reset step 2)", h(NewPasswordForm, { token: "token" }), 1],
  [
    "the owner's transfer and delete forms",
    h(OrganizationDangerZone, {
      organizationId: "acme",
      organizationName: "Acme",
      myRole: "owner",
      otherMembers: [{ userId: "user-2", label: "b@example.com" }],
      isActive: false,
    }),
    2,
  ],
  ["the invite form", h(OrganizationInvitations, { organizationId: "acme", invitations: [] }), 1],
  ["the passkey recovery request form", h(PasskeyRecover, { token: null }), 1],
  ["the passkey sign-up form", h(PasskeySignIn, {}), 1],
  ["the passwordless email form", h(PasswordlessForm, {}), 1],
  // Already disabled before this test: the link code is read from the URL's fragment in the browser.
  ["the magic link's sign-in form", h(PasswordlessLink, { preAuthSessionId: "pre-auth" }), 1],
  ["the reset-password request form (reset step 1)", h(ResetPasswordRequestForm, {}), 1],
  ["the verify-email link's confirm form", h(VerifyEmailLink, { token: "token" }), 1],
  ["the admin users search", h(UsersTable, {}), 1],
];

describe("the built-in forms before hydration", () => {
  it.each(forms)("%s: the server's HTML has every submit button disabled, so that no click submits natively", (_, form, submits) => {
    const html = renderToString(form);
    const buttons = html.match(/<button[^>]*type="submit"[^>]*>/g) ?? [];
    expect(buttons).toHaveLength(submits);
    for (const button of buttons) expect(button).toMatch(/\sdisabled=""/);
  });
});

// Without JavaScript those buttons stay disabled, so each page says why. Not here: the passkey
// sign-up form sits under the sign-in form, which says it (auth-form.tsx), and the owner's forms
// under the invite form, on the same page.
const explained = new Set(["the passkey sign-up form", "the owner's transfer and delete forms"]);

describe("the built-in forms without JavaScript", () => {
  it.each(forms.filter(([name]) => !explained.has(name)))("%s: says that the page needs JavaScript", (_, form) => {
    expect(renderToString(form)).toMatch(/<noscript>[^]*?JavaScript[^]*?<\/noscript>/);
  });
});

// A button outside a form does nothing before hydration: a click on it would be lost without a
// sign. The built-in ones in the server's HTML are disabled until then too (SubmitButton, or
// useHydrated directly). Not here: the ones that appear only after a load in the browser (the
// session lists, the admin user's page, the admin users' pager) or a click (the passwordless code
// step's resend, a confirmation's buttons), and the password show/hide toggle, whose lost click
// costs nothing: what it shows does not change, so it is clicked again.
const actionButtons: [string, ReactElement, number][] = [
  ["the sign-out button", h(SignOutButton, {}), 1],
  ["the account's add-a-passkey button", h(AccountPasskeys, { userId: "user-1", email: "a@example.com" }), 1],
  ["the MFA page's switch to a recovery code", h(MfaChallenge, { redirectToPath: "/dashboard" }), 1],
  ["the security section's remove-device and new-recovery-codes buttons", h(MfaSecurity, { devices: ["Phone", "Tablet"], recoveryCodesLeft: 8 }), 3],
  ["the TOTP set-up button", h(TotpSetup, { continueTo: "/account" }), 1],
  [
    "the members' change-role and remove buttons",
    h(OrganizationMembers, {
      organizationId: "acme",
      myUserId: "user-1",
      canManage: true,
      members: [
        { userId: "user-1", email: "a@example.com", role: "owner", joinedAt: 0 },
        { userId: "user-2", email: "b@example.com", role: "member", joinedAt: 0 },
      ],
    }),
    2,
  ],
  [
    "the open invitations' revoke buttons",
    h(OrganizationInvitations, { organizationId: "acme", invitations: [{ id: "inv-1", email: "c@example.com", role: "member", expiresAt: 0 }] }),
    1,
  ],
  ["the sign-in-with-a-passkey button", h(PasskeySignIn, {}), 1],
  ["the passkey recovery link's add-a-passkey button", h(PasskeyRecover, { token: "token" }), 1],
  [
    "the admin's remove-member button",
    h(RemoveOrganizationMember, {
      organizationId: "acme",
      userId: "user-2",
      label: "b@example.com",
      apiBasePath: "/api/auth",
      signInPath: "/auth",
      messages: pickMessages(en, ORGANIZATION_MEMBER_REMOVE_MESSAGES),
    }),
    1,
  ],
];

describe("the built-in action buttons before hydration", () => {
  it.each(actionButtons)("%s: every action button is disabled in the server's HTML, so that no click is lost", (_, element, count) => {
    const buttons = (renderToString(element).match(/<button[^>]*type="button"[^>]*>/g) ?? []).filter((b) => !b.includes("gh-password-toggle"));
    expect(buttons).toHaveLength(count);
    for (const button of buttons) expect(button).toMatch(/\sdisabled=""/);
  });

  it("the passkey recovery link's page says that it needs JavaScript (a passkey is made by the browser's script)", () => {
    expect(renderToString(h(PasskeyRecover, { token: "token" }))).toMatch(/<noscript>[^]*?JavaScript[^]*?<\/noscript>/);
  });

  const acceptInvitation = h(AcceptInvitation, { token: "token", organizationId: "acme", organizationName: "Acme", role: "member" });

  it("the invitation's join button is disabled in the server's HTML, and the page says that it needs JavaScript", () => {
    const html = renderToString(acceptInvitation);
    expect(html).toMatch(/<button[^>]*data-testid="accept-invitation"[^>]*\sdisabled=""/);
    expect(html).toMatch(/<noscript>[^]*?JavaScript[^]*?<\/noscript>/);
  });
});
