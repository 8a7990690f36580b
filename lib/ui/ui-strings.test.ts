// No built-in page or component writes user-visible English of its own: every string comes
// from the dictionary. Two checks that can fail: a scan of the source for text that reads like
// a sentence, and each component rendered with the German dictionary must show no English.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { createElement, type ReactElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { USER_DETAIL_MESSAGES, USERS_TABLE_MESSAGES } from "./admin/admin-messages";
import { SignupsChart } from "./admin/signups-chart";
import { UserDetail } from "./admin/user-detail";
import { UsersTable } from "./admin/users-table";
import { CHANGE_PASSWORD_FORM_MESSAGES, MY_SESSIONS_MESSAGES } from "./account-messages";
import { AuthForm } from "./auth-form";
import {
  NEW_PASSWORD_FORM_MESSAGES,
  RESET_PASSWORD_REQUEST_FORM_MESSAGES,
  VERIFY_EMAIL_LINK_MESSAGES,
  VERIFY_EMAIL_PENDING_MESSAGES,
} from "./email-link-messages";
import { AUTH_FORM_MESSAGES, CALLBACK_ERROR_MESSAGES, REFRESH_AND_RETURN_MESSAGES, THIRD_PARTY_CALLBACK_MESSAGES } from "./sign-in-messages";
import { ChangePasswordForm } from "./change-password-form";
import { MySessions } from "./my-sessions";
import { NewPasswordForm } from "./new-password-form";
import { PasswordInput } from "./password-input";
import { ProviderButtons } from "./provider-buttons";
import { RefreshAndReturn } from "./refresh-and-return";
import { ResetPasswordRequestForm } from "./reset-password-request-form";
import { ORGANIZATION_SWITCHER_MESSAGES, pickMessages, SIGN_OUT_BUTTON_MESSAGES } from "./client-messages";
import { SignOutButton } from "./sign-out-button";
import { CallbackError, ThirdPartyCallback } from "./third-party-callback";
import { VerifyEmailLink } from "./verify-email-link";
import { VerifyEmailPending } from "./verify-email-pending";
import { AcceptInvitation } from "./accept-invitation";
import { CreateOrganizationForm } from "./create-organization-form";
import { OrganizationDangerZone } from "./organization-danger-zone";
import { OrganizationInvitations } from "./organization-invitations";
import { OrganizationMembers } from "./organization-members";
import {
  ACCEPT_INVITATION_MESSAGES,
  CREATE_ORGANIZATION_FORM_MESSAGES,
  ORGANIZATION_DANGER_ZONE_MESSAGES,
  ORGANIZATION_INVITATIONS_MESSAGES,
  ORGANIZATION_MEMBERS_MESSAGES,
} from "./organization-messages";
import { OrganizationSwitcher } from "./organization-switcher";
import { de } from "../i18n/de";
import { en } from "../i18n/en";

const ROOT = join(__dirname, "..", "..");

/** The built-in UI's sources: lib/ui's components, the admin dashboard's, and the pages. */
function builtInUiFiles(): string[] {
  const ui = ["lib/ui", "lib/ui/admin"].flatMap((dir) =>
    readdirSync(join(ROOT, dir))
      .filter((f) => f.endsWith(".tsx"))
      .map((f) => `${dir}/${f}`),
  );
  const pages = ["app/auth", "app/account", "app/admin"].flatMap((dir) =>
    (readdirSync(join(ROOT, dir), { recursive: true }) as string[]).filter((f) => f.endsWith(".tsx")).map((f) => `${dir}/${f}`),
  );
  return [...ui, ...pages, "app/forbidden.tsx", "app/not-found.tsx"];
}

/** Text that reads as words for people: a capitalised word followed by another word, or JSX text with a letter. */
const SENTENCE = /^[A-Z][a-z']+[ ,:][\s\S]*[a-z]/;
const VISIBLE_ATTRIBUTES = new Set(["aria-label", "aria-description", "title", "placeholder", "alt", "aria-valuetext"]);

/** Hard-coded user-visible strings in one TSX source, as "line: text". */
export function hardCodedStrings(fileName: string, source: string): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const found: string[] = [];
  const report = (node: ts.Node, text: string) => found.push(`${file.getLineAndCharacterOfPosition(node.getStart()).line + 1}: ${text.trim()}`);
  const visit = (node: ts.Node) => {
    if (ts.isJsxText(node) && /[A-Za-z]/.test(node.text)) report(node, node.text);
    else if (
      ts.isJsxAttribute(node) &&
      VISIBLE_ATTRIBUTES.has(node.name.getText(file)) &&
      node.initializer &&
      !ts.isJsxExpression(node.initializer) &&
      // alt="": a decorative image, no text to translate.
      !(ts.isStringLiteral(node.initializer) && node.initializer.text === "")
    ) {
      report(node, node.initializer.getText(file));
      return;
    } else if ((ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) && SENTENCE.test(node.text)) report(node, node.text);
    else if (ts.isTemplateExpression(node) && SENTENCE.test(node.head.text)) report(node, node.head.text);
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

describe("no hard-coded English in the built-in UI", () => {
  it("the scan finds what it looks for", () => {
    const sample = `export const A = () => <form aria-label="Sign in"><p>Hello there</p>{ok ? "Sign in now" : x}<b title={t.x}>{t.y}</b><img alt="" /><img alt="Acme logo" /></form>;
      const f = () => setError("Your sessions could not be loaded.");
      const g = (n: string) => \`Signing in with \${n}\`;
      const h = { className: "gh-card", rid: "emailpassword", type: "application/json" };`;
    expect(hardCodedStrings("sample.tsx", sample).map((s) => s.replace(/^\d+: /, ""))).toEqual([
      '"Sign in"',
      "Hello there",
      "Sign in now",
      '"Acme logo"',
      "Your sessions could not be loaded.",
      "Signing in with",
    ]);
  });

  it("no component or page of the built-in UI writes text of its own", () => {
    const files = builtInUiFiles();
    expect(files).toEqual(
      expect.arrayContaining([
        "lib/ui/auth-form.tsx",
        "lib/ui/my-sessions.tsx",
        "app/account/page.tsx",
        "app/auth/reset-password/page.tsx",
        "lib/ui/admin/users-table.tsx",
        "lib/ui/admin/user-detail.tsx",
        "lib/ui/admin/signups-chart.tsx",
        "app/admin/page.tsx",
        "app/admin/layout.tsx",
        "app/admin/users/[userId]/page.tsx",
      ]),
    );
    const offenders = files.flatMap((f) => hardCodedStrings(f, readFileSync(join(ROOT, f), "utf8")).map((s) => `${f}:${s}`));
    expect(offenders).toEqual([]);
  });
});

describe("the built-in components in German", () => {
  const decode = (html: string) =>
    html
      .replace(/&#x27;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&amp;/g, "&")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">");
  /** The text a person meets: text between tags and the attributes read aloud or shown. */
  const visibleText = (html: string) => {
    const attributes = [...html.matchAll(/(?:aria-label|title|placeholder|alt)="([^"]*)"/g)].map((m) => m[1]);
    return decode([html.replace(/<[^>]+>/g, "\n"), ...attributes].join("\n"));
  };
  /** The fixed parts of every English text German words differently, long enough not to be a word inside another. */
  const englishChunks = (Object.keys(en) as (keyof typeof en)[])
    .filter((key) => en[key] !== de[key])
    .flatMap((key) => en[key].split(/\{\w+\}/).map((chunk) => chunk.trim()))
    .filter((chunk) => chunk.length >= 4);
  const germanTexts = Object.values(de)
    .flatMap((text) => text.split(/\{\w+\}/).map((c) => c.trim()))
    .filter((c) => c.length >= 4);

  const signUpDays = [
    { day: "2025-01-30", count: 2 },
    { day: "2025-01-31", count: 0 },
    { day: "2025-02-01", count: 1234 },
  ];
  const orgMembers = [
    { userId: "u1", email: "a@example.com", role: "owner", joinedAt: 0 },
    { userId: "u2", email: "b@example.com", role: "member", joinedAt: 0 },
  ];
  const zone = {
    organizationId: "acme",
    organizationName: "Acme",
    otherMembers: [{ userId: "u2", label: "b@example.com" }],
    isActive: false,
    messages: pickMessages(de, ORGANIZATION_DANGER_ZONE_MESSAGES),
  };
  const policy = { minLength: 8, maxLength: 256, requireLetter: true, requireDigit: true, rejectCommonPasswords: true };
  const renders: [string, ReactElement][] = [
    ["sign-in", createElement(AuthForm, { mode: "signin", switchHref: "/auth?show=signup", messages: pickMessages(de, AUTH_FORM_MESSAGES) })],
    [
      "sign-up",
      createElement(AuthForm, {
        mode: "signup",
        switchHref: "/auth",
        termsOfServiceHref: "/terms",
        privacyPolicyHref: "/privacy",
        passwordPolicy: policy,
        messages: pickMessages(de, AUTH_FORM_MESSAGES),
        signUpFields: [{ id: "nick", label: "Spitzname", optional: true }],
      }),
    ],
    ["providers on sign-in", createElement(ProviderButtons, { providers: [{ id: "github", name: "GitHub" }], messages: de })],
    ["providers on sign-up", createElement(ProviderButtons, { providers: [{ id: "github", name: "GitHub" }], mode: "signup", messages: de })],
    ["reset request", createElement(ResetPasswordRequestForm, { messages: pickMessages(de, RESET_PASSWORD_REQUEST_FORM_MESSAGES) })],
    ["new password", createElement(NewPasswordForm, { token: "t", messages: pickMessages(de, NEW_PASSWORD_FORM_MESSAGES) })],
    ["change password", createElement(ChangePasswordForm, { messages: pickMessages(de, CHANGE_PASSWORD_FORM_MESSAGES) })],
    ["sessions", createElement(MySessions, { messages: pickMessages(de, MY_SESSIONS_MESSAGES), locale: "de" })],
    ["verify link", createElement(VerifyEmailLink, { token: "t", messages: pickMessages(de, VERIFY_EMAIL_LINK_MESSAGES) })],
    ["verify pending", createElement(VerifyEmailPending, { messages: pickMessages(de, VERIFY_EMAIL_PENDING_MESSAGES) })],
    [
      "refresh",
      createElement(RefreshAndReturn, {
        apiBasePath: "/api/auth",
        websiteBasePath: "/auth",
        redirectToPath: null,
        messages: pickMessages(de, REFRESH_AND_RETURN_MESSAGES),
      }),
    ],
    [
      "third-party callback",
      createElement(ThirdPartyCallback, {
        thirdPartyId: "github",
        providerName: "GitHub",
        redirectToPath: null,
        messages: pickMessages(de, THIRD_PARTY_CALLBACK_MESSAGES),
      }),
    ],
    [
      "callback error",
      createElement(CallbackError, { title: "x", message: "y", websiteBasePath: "/auth", messages: pickMessages(de, CALLBACK_ERROR_MESSAGES) }),
    ],
    ["sign-out", createElement(SignOutButton, { messages: pickMessages(de, SIGN_OUT_BUTTON_MESSAGES) })],
    ["admin users table", createElement(UsersTable, { messages: pickMessages(de, USERS_TABLE_MESSAGES), locale: "de" })],
    ["admin user detail", createElement(UserDetail, { userId: "u1", messages: pickMessages(de, USER_DETAIL_MESSAGES), locale: "de" })],
    ["admin sign-ups chart", createElement(SignupsChart, { days: signUpDays, messages: de, locale: "de" })],
    [
      "organization switcher",
      createElement(OrganizationSwitcher, {
        organizations: [{ id: "acme", name: "Acme" }],
        activeOrganizationId: null,
        messages: pickMessages(de, ORGANIZATION_SWITCHER_MESSAGES),
      }),
    ],
    [
      "accept invitation",
      createElement(AcceptInvitation, {
        token: "t",
        organizationId: "acme",
        organizationName: "Acme",
        role: "member",
        messages: pickMessages(de, ACCEPT_INVITATION_MESSAGES),
      }),
    ],
    ["create organization", createElement(CreateOrganizationForm, { messages: pickMessages(de, CREATE_ORGANIZATION_FORM_MESSAGES) })],
    [
      "organization members",
      createElement(OrganizationMembers, {
        organizationId: "acme",
        members: orgMembers,
        myUserId: "u1",
        canManage: true,
        messages: pickMessages(de, ORGANIZATION_MEMBERS_MESSAGES),
        locale: "de",
      }),
    ],
    [
      "organization invitations",
      createElement(OrganizationInvitations, {
        organizationId: "acme",
        invitations: [{ id: "i1", email: "c@example.com", role: "admin", expiresAt: 0 }],
        messages: pickMessages(de, ORGANIZATION_INVITATIONS_MESSAGES),
      }),
    ],
    ["organization owner's zone", createElement(OrganizationDangerZone, { ...zone, myRole: "owner" })],
    ["organization member's zone", createElement(OrganizationDangerZone, { ...zone, myRole: "member" })],
  ];

  for (const [name, element] of renders) {
    it(`${name} shows German and no English`, () => {
      const text = visibleText(renderToStaticMarkup(element));
      expect(
        germanTexts.some((german) => text.includes(german)),
        text,
      ).toBe(true);
      expect(englishChunks.filter((english) => text.includes(english))).toEqual([]);
    });
  }

  it("the password toggle takes its labels from the dictionary", () => {
    const text = visibleText(renderToStaticMarkup(createElement(PasswordInput, { id: "p", showLabel: de.showPassword, hideLabel: de.hidePassword })));
    expect(text).toContain(de.showPassword);
    expect(text).not.toContain(en.showPassword);
  });

  it("the sign-ups chart writes its days and numbers the German way", () => {
    const text = visibleText(renderToStaticMarkup(createElement(SignupsChart, { days: signUpDays, messages: de, locale: "de" })));
    expect(text).toContain("30.01.2025");
    expect(text).toContain("01.02.2025");
    expect(text).toContain("1.236 Registrierungen in den letzten 3 Tagen");
    expect(text).not.toContain("2025-01-30");
  });
});
