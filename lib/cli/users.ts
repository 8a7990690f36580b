import type { Command } from "commander";
import { revokeAllSessionsForUser, revokeSession } from "../auth/session/session-revocation";
import { listSessionsForUser, sessionSummaryJson } from "../auth/session/session-info";
import { createEmailPasswordUser, setUserPassword, verifyUserEmail } from "../auth/users/user-admin-actions";
import type { SignInMethod, UserSummaryRow } from "../auth/ports/user-admin-store";
import { deleteUser, getUserCount, getUsersNewestFirst, getUsersOldestFirst } from "../auth/users/users";
import { CliError, cliEngine, findUser, isoOrDash, print, printTable, progress, readPassword } from "./context";
import { registerNormaliseEmailsCommand } from "./normalise-emails";
import { wholeNumberOption } from "./number-option";

// A passwordless phone-number user has no email: its number stands in the column.
const userRow = (u: UserSummaryRow) => [
  u.id,
  u.email ?? u.loginMethods.find((m) => m.phoneNumber)?.phoneNumber ?? "-",
  u.emailVerified ? "yes" : "no",
  u.loginMethods.map((m) => m.recipeId).join(",") || "-",
  u.timeJoined.toISOString(),
];
const userJson = (u: UserSummaryRow) => ({ ...u, timeJoined: u.timeJoined.getTime() });

export function registerUserCommands(program: Command): void {
  const users = program.command("users").description("list, create and delete users, set passwords");

  users
    .command("list")
    .description("users, newest first (a page at a time, or --all)")
    .option("--oldest", "oldest first")
    .option("--limit <n>", "users per page (1-500)", "50")
    .option("--email <prefix>", "only emails starting with this")
    .option("--method <method>", "only users with this sign-in method: emailpassword, thirdparty or passwordless")
    .option("--page <token>", "continue from a previous page's token")
    .option("--all", "every user, page after page (progress on stderr)")
    .option("--json", "one JSON object per line")
    .action(async (o) => {
      const ctx = cliEngine();
      const limit = wholeNumberOption("--limit", o.limit, { min: 1, max: 500 });
      if (o.method && !["emailpassword", "thirdparty", "passwordless"].includes(o.method))
        throw new CliError("--method: emailpassword, thirdparty or passwordless", 2);
      const filter = { emailPrefix: o.email as string | undefined, method: o.method as SignInMethod | undefined };
      const total = o.all ? await getUserCount(ctx, filter) : undefined;
      const fetchPage = o.oldest ? getUsersOldestFirst : getUsersNewestFirst;
      const rows: UserSummaryRow[] = [];
      let token: string | undefined = o.page;
      do {
        const page = await fetchPage(ctx, { ...filter, limit, paginationToken: token });
        if (page.status !== "OK") throw new CliError("--page: not a token from a previous page of this order");
        if (o.json) page.users.forEach((u) => print(JSON.stringify(userJson(u))));
        else rows.push(...page.users);
        token = page.nextPaginationToken;
        if (o.all) progress(`${rows.length || "…"} of ${total} users`);
      } while (o.all && token);
      if (!o.json) {
        printTable(["id", "email", "verified", "methods", "joined"], rows.map(userRow));
        if (token) progress(`more: --page ${token}`);
      }
    });

  users
    .command("show <user>")
    .description("one user (id or email) with roles and sessions")
    .option("--json", "as JSON")
    .action(async (ref: string, o) => {
      const ctx = cliEngine();
      const user = await findUser(ctx, ref);
      const [roles, sessions] = await Promise.all([ctx.stores.roles.getRolesForUser(user.id), listSessionsForUser(ctx, user.id)]);
      if (o.json) {
        print(JSON.stringify({ ...userJson(user), roles, sessions: sessions.length }));
        return;
      }
      printTable(["id", "email", "verified", "methods", "joined"], [userRow(user)]);
      print(`roles: ${roles.join(", ") || "-"}`);
      print(`live sessions: ${sessions.length}`);
    });

  users
    .command("create <email>")
    .description("an email+password user; the password comes from stdin or a hidden prompt")
    .option("--password-stdin", "read the password from stdin (first line); a terminal still gets the hidden prompt")
    .option("--verified", "mark the email verified")
    .action(async (email: string, o) => {
      const ctx = cliEngine();
      const result = await createEmailPasswordUser(ctx, { email, password: await readPassword() });
      if (result.status === "EMAIL_ALREADY_EXISTS_ERROR") throw new CliError(`${email} already has an account`);
      if (result.status === "FIELD_ERROR") throw new CliError(result.formFields.map((f) => `${f.id}: ${f.error}`).join("; "));
      if (o.verified) await verifyUserEmail(ctx, result.user.id);
      print(result.user.id);
    });

  users
    .command("delete <user>")
    .description("delete a user (id or email) and everything of theirs")
    .option("--yes", "really delete (required)")
    .action(async (ref: string, o) => {
      if (!o.yes) throw new CliError("deleting cannot be undone: add --yes");
      const ctx = cliEngine();
      const user = await findUser(ctx, ref);
      await deleteUser(ctx, user.id);
      print(`deleted ${user.id} (${user.email ?? "no email"})`);
    });

  users
    .command("set-password <user>")
    .description("replace the password of a user (id or email); stdin or a hidden prompt")
    .option("--password-stdin", "read the password from stdin (first line); a terminal still gets the hidden prompt")
    .option("--revoke-sessions", "also sign the user out everywhere")
    .action(async (ref: string, o) => {
      const ctx = cliEngine();
      const user = await findUser(ctx, ref);
      const result = await setUserPassword(ctx, user.id, await readPassword());
      if (result.status === "PASSWORD_POLICY_VIOLATED_ERROR") throw new CliError(result.failureReason);
      if (result.status !== "OK") throw new CliError(`${ref} has no email+password account`);
      const revoked = o.revokeSessions ? await revokeAllSessionsForUser(ctx, user.id) : [];
      print(`password set${o.revokeSessions ? `; ${revoked.length} session(s) revoked` : ""}`);
    });

  registerNormaliseEmailsCommand(users);

  const sessions = program.command("sessions").description("a user's sessions");
  sessions
    .command("list <user>")
    .description("live sessions of a user (id or email), oldest first")
    .option("--json", "one JSON object per line")
    .action(async (ref: string, o) => {
      const ctx = cliEngine();
      const list = await listSessionsForUser(ctx, (await findUser(ctx, ref)).id);
      if (o.json) return list.forEach((s) => print(JSON.stringify(sessionSummaryJson(s))));
      printTable(
        ["handle", "created", "last active", "ip", "user agent"],
        list.map((s) => [s.sessionHandle, isoOrDash(s.timeCreated), isoOrDash(s.lastActiveAt), s.ip ?? "-", s.userAgent ?? "-"]),
      );
    });
  sessions
    .command("revoke [handle]")
    .description("revoke one session, or every session of --user")
    .option("--user <user>", "revoke all of this user's sessions (id or email)")
    .action(async (handle: string | undefined, o) => {
      const ctx = cliEngine();
      if (o.user) {
        print(`${(await revokeAllSessionsForUser(ctx, (await findUser(ctx, o.user)).id)).length} session(s) revoked`);
        return;
      }
      if (!handle) throw new CliError("name a session handle, or --user");
      if (!(await revokeSession(ctx, handle))) throw new CliError(`no session ${handle}`);
      print(`revoked ${handle}`);
    });
}
