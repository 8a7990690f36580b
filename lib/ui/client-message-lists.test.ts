// Each client component takes only the strings of its key list (lib/ui/client-messages.ts), so
// a key it reads but its list lacks renders as nothing: MessagesOf types such a key `undefined`,
// which JSX text and attributes accept without a compile error. These checks read each
// component's source and hold its `t.<key>` reads to its list; they also keep every list within
// both dictionaries and every client component off the whole dictionary.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { de } from "../i18n/de";
import { en, type Messages } from "../i18n/en";
import { SERVER_MESSAGE_KEYS } from "../i18n/server-messages";
import {
  ACCOUNT_PASSKEYS_MESSAGES,
  CHANGE_PASSWORD_FORM_MESSAGES,
  MFA_CHALLENGE_MESSAGES,
  MFA_SECURITY_MESSAGES,
  MY_SESSIONS_MESSAGES,
  RECOVERY_CODES_MESSAGES,
  TOTP_SETUP_MESSAGES,
} from "./account-messages";
import { ADMIN_ERROR_MESSAGES, ORGANIZATION_MEMBER_REMOVE_MESSAGES, USER_DETAIL_MESSAGES, USERS_TABLE_MESSAGES } from "./admin/admin-messages";
import {
  DEV_OUTBOX_NOTICE_MESSAGES,
  DEVICE_NAME_MESSAGES,
  FDI_ERROR_MESSAGES,
  ORGANIZATION_ERROR_MESSAGES,
  ORGANIZATION_SWITCHER_MESSAGES,
  ROLE_NAME_MESSAGES,
  SIGN_OUT_BUTTON_MESSAGES,
} from "./client-messages";
import {
  NEW_PASSWORD_FORM_MESSAGES,
  RESET_PASSWORD_MESSAGES,
  RESET_PASSWORD_REQUEST_FORM_MESSAGES,
  VERIFY_EMAIL_LINK_MESSAGES,
  VERIFY_EMAIL_MESSAGES,
  VERIFY_EMAIL_PENDING_MESSAGES,
} from "./email-link-messages";
import {
  ACCEPT_INVITATION_MESSAGES,
  CREATE_ORGANIZATION_FORM_MESSAGES,
  ORGANIZATION_DANGER_ZONE_MESSAGES,
  ORGANIZATION_INVITATIONS_MESSAGES,
  ORGANIZATION_MEMBERS_MESSAGES,
} from "./organization-messages";
import {
  AUTH_FORM_MESSAGES,
  CALLBACK_ERROR_MESSAGES,
  PASSKEY_RECOVER_MESSAGES,
  PASSKEY_SIGN_IN_MESSAGES,
  PASSWORDLESS_FORM_MESSAGES,
  PASSWORDLESS_LINK_MESSAGES,
  REFRESH_AND_RETURN_MESSAGES,
  THIRD_PARTY_CALLBACK_MESSAGES,
} from "./sign-in-messages";

const ROOT = join(__dirname, "..", "..");

interface Reader {
  /** The source file, from the repository's root. */
  file: string;
  /** The function that reads the strings: a component, or a helper given them. */
  name: string;
  keys: readonly (keyof Messages)[];
  /** It reads none itself, only hands each child the child's strings. */
  passesOn?: true;
}

/** Every function in lib/ui that is handed a picked dictionary, with its key list. */
const READERS: Reader[] = [
  { file: "lib/ui/sign-out-button.tsx", name: "SignOutButton", keys: SIGN_OUT_BUTTON_MESSAGES },
  { file: "lib/ui/organization-switcher.tsx", name: "OrganizationSwitcher", keys: ORGANIZATION_SWITCHER_MESSAGES },
  { file: "lib/ui/dev-outbox-notice.tsx", name: "DevOutboxNotice", keys: DEV_OUTBOX_NOTICE_MESSAGES },
  { file: "lib/ui/admin/users-table.tsx", name: "UsersTable", keys: USERS_TABLE_MESSAGES },
  { file: "lib/ui/admin/user-detail.tsx", name: "UserDetail", keys: USER_DETAIL_MESSAGES },
  { file: "lib/ui/admin/organization-member-remove.tsx", name: "RemoveOrganizationMember", keys: ORGANIZATION_MEMBER_REMOVE_MESSAGES },
  { file: "lib/ui/change-password-form.tsx", name: "ChangePasswordForm", keys: CHANGE_PASSWORD_FORM_MESSAGES },
  { file: "lib/ui/account-passkeys.tsx", name: "AccountPasskeys", keys: ACCOUNT_PASSKEYS_MESSAGES },
  { file: "lib/ui/recovery-codes.tsx", name: "RecoveryCodes", keys: RECOVERY_CODES_MESSAGES },
  { file: "lib/ui/totp-setup.tsx", name: "TotpSetup", keys: TOTP_SETUP_MESSAGES },
  { file: "lib/ui/mfa-security.tsx", name: "MfaSecurity", keys: MFA_SECURITY_MESSAGES },
  { file: "lib/ui/mfa-challenge.tsx", name: "MfaChallenge", keys: MFA_CHALLENGE_MESSAGES },
  { file: "lib/ui/my-sessions.tsx", name: "MySessions", keys: MY_SESSIONS_MESSAGES },
  { file: "lib/ui/auth-form.tsx", name: "AuthForm", keys: AUTH_FORM_MESSAGES },
  { file: "lib/ui/passwordless-form.tsx", name: "PasswordlessForm", keys: PASSWORDLESS_FORM_MESSAGES },
  { file: "lib/ui/passkey-sign-in.tsx", name: "PasskeySignIn", keys: PASSKEY_SIGN_IN_MESSAGES },
  { file: "lib/ui/passkey-recover.tsx", name: "PasskeyRecover", keys: PASSKEY_RECOVER_MESSAGES },
  { file: "lib/ui/passwordless-link.tsx", name: "PasswordlessLink", keys: PASSWORDLESS_LINK_MESSAGES },
  { file: "lib/ui/third-party-callback.tsx", name: "ThirdPartyCallback", keys: THIRD_PARTY_CALLBACK_MESSAGES },
  { file: "lib/ui/third-party-callback.tsx", name: "CallbackError", keys: CALLBACK_ERROR_MESSAGES },
  { file: "lib/ui/refresh-and-return.tsx", name: "RefreshAndReturn", keys: REFRESH_AND_RETURN_MESSAGES },
  { file: "lib/ui/reset-password-request-form.tsx", name: "ResetPasswordRequestForm", keys: RESET_PASSWORD_REQUEST_FORM_MESSAGES },
  { file: "lib/ui/new-password-form.tsx", name: "NewPasswordForm", keys: NEW_PASSWORD_FORM_MESSAGES },
  { file: "lib/ui/reset-password.tsx", name: "ResetPassword", keys: RESET_PASSWORD_MESSAGES, passesOn: true },
  { file: "lib/ui/verify-email-link.tsx", name: "VerifyEmailLink", keys: VERIFY_EMAIL_LINK_MESSAGES },
  { file: "lib/ui/verify-email-pending.tsx", name: "VerifyEmailPending", keys: VERIFY_EMAIL_PENDING_MESSAGES },
  { file: "lib/ui/verify-email.tsx", name: "VerifyEmail", keys: VERIFY_EMAIL_MESSAGES, passesOn: true },
  { file: "lib/ui/create-organization-form.tsx", name: "CreateOrganizationForm", keys: CREATE_ORGANIZATION_FORM_MESSAGES },
  { file: "lib/ui/organization-members.tsx", name: "OrganizationMembers", keys: ORGANIZATION_MEMBERS_MESSAGES },
  { file: "lib/ui/organization-invitations.tsx", name: "OrganizationInvitations", keys: ORGANIZATION_INVITATIONS_MESSAGES },
  { file: "lib/ui/organization-danger-zone.tsx", name: "OrganizationDangerZone", keys: ORGANIZATION_DANGER_ZONE_MESSAGES },
  { file: "lib/ui/accept-invitation.tsx", name: "AcceptInvitation", keys: ACCEPT_INVITATION_MESSAGES },
  // The helpers type their parameter with their list (a missing key does not compile there);
  // listed all the same, so that the lists their callers spread are checked the same way.
  { file: "lib/ui/fdi-post.ts", name: "messageOf", keys: FDI_ERROR_MESSAGES },
  { file: "lib/ui/organization-api.ts", name: "organizationMessage", keys: ORGANIZATION_ERROR_MESSAGES },
  { file: "lib/ui/organization-api.ts", name: "roleName", keys: ROLE_NAME_MESSAGES },
  { file: "lib/ui/device-name.ts", name: "deviceName", keys: DEVICE_NAME_MESSAGES },
  { file: "lib/ui/admin/admin-api.ts", name: "adminErrorText", keys: ADMIN_ERROR_MESSAGES },
];

/** The names the components give their strings. */
const DICTIONARY_NAMES = new Set(["t", "messages"]);

/**
 * The keys `name` reads from its strings (`t.key` or `messages.key`), with the same file's
 * functions it calls, except other readers (a child component takes its own picked strings).
 * `t[…]` is reported as "[dynamic]": which keys it reads must be listed by hand.
 */
export function keysRead(fileName: string, source: string, name: string, otherReaders: ReadonlySet<string> = new Set()): string[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, fileName.endsWith(".tsx") ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
  const functions = new Map<string, ts.Node>();
  for (const statement of file.statements) {
    if (ts.isFunctionDeclaration(statement) && statement.name) functions.set(statement.name.text, statement);
    if (ts.isVariableStatement(statement)) {
      for (const d of statement.declarationList.declarations) {
        if (ts.isIdentifier(d.name) && d.initializer && (ts.isArrowFunction(d.initializer) || ts.isFunctionExpression(d.initializer))) {
          functions.set(d.name.text, d.initializer);
        }
      }
    }
  }
  if (!functions.has(name)) throw new Error(`${fileName} has no function ${name}`);
  const keys = new Set<string>();
  const queue = [name];
  const seen = new Set(queue);
  const visit = (node: ts.Node) => {
    if (ts.isPropertyAccessExpression(node) && ts.isIdentifier(node.expression) && DICTIONARY_NAMES.has(node.expression.text)) {
      keys.add(node.name.text);
    } else if (ts.isElementAccessExpression(node) && ts.isIdentifier(node.expression) && DICTIONARY_NAMES.has(node.expression.text)) {
      keys.add("[dynamic]");
    } else if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) {
      const callee = node.expression.text;
      if (functions.has(callee) && !otherReaders.has(callee) && !seen.has(callee)) {
        seen.add(callee);
        queue.push(callee);
      }
    }
    ts.forEachChild(node, visit);
  };
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) visit(functions.get(next)!);
  return [...keys].sort();
}

describe("the key lists of the client components", () => {
  it("the scan finds what it looks for", () => {
    const sample = `
      function helper(t: M) { return t.fromHelper; }
      function Child({ messages: t }: P) { return t.childOnly; }
      export function Parent({ messages: t }: P) {
        const title = format(t.title, {});
        return <p aria-label={t.label}>{helper(t)}<Child messages={pick(t)} />{other.notThis}</p>;
      }
      export const Dynamic = ({ messages }: P) => messages[key];`;
    expect(keysRead("sample.tsx", sample, "Parent", new Set(["Child"]))).toEqual(["fromHelper", "label", "title"]);
    expect(keysRead("sample.tsx", sample, "Child")).toEqual(["childOnly"]);
    expect(keysRead("sample.tsx", sample, "Dynamic")).toEqual(["[dynamic]"]);
    expect(() => keysRead("sample.tsx", sample, "Renamed")).toThrow("no function Renamed");
  });

  for (const { file, name, keys, passesOn } of READERS) {
    it(`${name} (${file}) reads only keys of its list`, () => {
      const others = new Set(READERS.filter((r) => r.file === file && r.name !== name).map((r) => r.name));
      const read = keysRead(file, readFileSync(join(ROOT, file), "utf8"), name, others);
      // A reader whose scan finds nothing has been renamed or names its strings otherwise: the check would pass unseen.
      if (passesOn) expect(read).toEqual([]);
      else expect(read.length, "no key found: does it still name its strings t or messages?").toBeGreaterThan(0);
      expect(read.filter((key) => !(keys as readonly string[]).includes(key))).toEqual([]);
    });
  }

  it("every listed key is in both dictionaries", () => {
    const lists = [...READERS.map((r) => r.keys), SERVER_MESSAGE_KEYS];
    for (const dictionary of [en, de]) {
      const missing = lists.flat().filter((key) => typeof (dictionary as Record<string, unknown>)[key] !== "string");
      expect(missing).toEqual([]);
    }
  });

  it("every client component of lib/ui that takes strings is listed, and none takes the whole dictionary", () => {
    const clientFiles = ["lib/ui", "lib/ui/admin"]
      .flatMap((dir) =>
        readdirSync(join(ROOT, dir))
          .filter((f) => f.endsWith(".tsx"))
          .map((f) => `${dir}/${f}`),
      )
      .filter((f) => readFileSync(join(ROOT, f), "utf8").startsWith('"use client"'));
    const takingStrings = clientFiles.filter((f) => /\bmessages\??:/.test(readFileSync(join(ROOT, f), "utf8")));
    expect(takingStrings.length).toBeGreaterThan(20);
    const listed = new Set(READERS.map((r) => r.file));
    expect(takingStrings.filter((f) => !listed.has(f))).toEqual([]);
    // `messages?: Messages` would let a server page serialise all of it into the HTML again.
    const whole = clientFiles.filter((f) => /\bmessages\??:\s*Messages\b/.test(readFileSync(join(ROOT, f), "utf8")));
    expect(whole).toEqual([]);
  });
});
