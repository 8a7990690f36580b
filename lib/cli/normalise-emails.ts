import type { Command } from "commander";
import { normaliseStoredEmails } from "../auth/users/normalise-emails";
import { CliError, cliEngine, print, printTable } from "./context";

/** `users normalise-emails`: stored addresses rewritten into the form lookups use (docs/admin.md, "Emails stored before NFC"). */
export function registerNormaliseEmailsCommand(users: Command): void {
  users
    .command("normalise-emails")
    .description(
      "rewrite stored emails into the form every lookup uses: Unicode NFC, the domain in Unicode rather than as DNS carries it (xn--). " +
        "Run once after upgrading to a version that compares emails in that form (rows kept decomposed, or with an xn-- domain, could not sign in); " +
        "a user whose rewritten address is another account's is left alone and listed (exit 1)",
    )
    .option("--dry-run", "only report what would change")
    .option("--json", "the report as one JSON object")
    .action(async (o) => {
      const ctx = cliEngine();
      const report = await normaliseStoredEmails(ctx, { dryRun: Boolean(o.dryRun) });
      const verb = o.dryRun ? "would rewrite" : "rewrote";
      if (o.json) print(JSON.stringify({ dryRun: Boolean(o.dryRun), ...report }));
      else {
        const rows = report.rewritten.reduce((sum, user) => sum + user.rows, 0);
        print(`${verb} ${rows} row(s) of ${report.rewritten.length} user(s), and ${report.unowned} row(s) of no user`);
        if (report.collisions.length > 0) {
          print("left unchanged: the rewritten address already belongs to another account (merge or change one of them, then run again)");
          printTable(
            ["user", "other user", "email"],
            report.collisions.map((c) => [c.userId, c.otherUserId, c.email]),
          );
        }
      }
      if (report.collisions.length > 0)
        throw new CliError(`${report.collisions.length} user(s) left unchanged: their rewritten address is another account's`);
    });
}
