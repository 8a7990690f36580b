/**
 * `secret reseal`: after a change of GATEHOUSE_SECRET, the TOTP secrets and tenants' client
 * secrets sealed under the previous secret sealed again under the current one
 * (lib/auth/secret-reseal.ts; docs/security.md "Changing the app secret").
 */
import type { Command } from "commander";
import { resealSecrets, type ResealCounts, type ResealReport } from "../auth/secret-reseal";
import { cliIo } from "./cli-io";
import { CliError, cliEngine, print, progress, readFirstLineOfStdin } from "./context";
import { withHiddenPrompt } from "./hidden-prompt";

/**
 * The previous secret, never from the command line (where `ps` and shell history would keep it):
 * the first line of stdin, or typed at a hidden prompt when stdin is a terminal. A terminal gets
 * the prompt with --previous-secret-stdin too: read as a pipe, it would echo the secret as typed
 * (and wait for Ctrl-D without saying so).
 */
async function readPreviousSecret(): Promise<string> {
  const { stdin, stderr } = cliIo();
  if (!stdin.isTTY) return readFirstLineOfStdin("previous secret");
  return withHiddenPrompt({ stdin, stderr }, (ask) => ask("Previous GATEHOUSE_SECRET: "));
}

function countsLine(kind: string, counts: ResealCounts, dryRun: boolean): string {
  const parts = [
    `${counts.resealed} ${dryRun ? "to reseal" : "resealed"}`,
    `${counts.alreadyCurrent} already current`,
    `${counts.unreadable} unreadable`,
  ];
  if (counts.changedMeanwhile) parts.push(`${counts.changedMeanwhile} changed meanwhile (left as they are)`);
  return `${kind}: ${parts.join(", ")}`;
}

const total = (report: ResealReport, field: keyof ResealCounts) => report.totpSecrets[field] + report.tenantClientSecrets[field];

export function registerSecretCommands(program: Command): void {
  const secret = program.command("secret").description("the app secret (GATEHOUSE_SECRET)");
  secret
    .command("reseal")
    .description(
      "after changing GATEHOUSE_SECRET (run with the new one): seal TOTP secrets and tenants' client secrets of the previous secret under the current one",
    )
    .option("--previous-secret-stdin", "read the previous secret from stdin (first line); a terminal still gets the hidden prompt")
    .option("--dry-run", "count what would be resealed; write nothing")
    .option("--json", "the counts as one JSON object")
    .action(async (o) => {
      const ctx = cliEngine({ needsSecret: true });
      const dryRun = Boolean(o.dryRun);
      const result = await resealSecrets(ctx, { previousSecret: await readPreviousSecret(), dryRun });
      if (result.status === "PREVIOUS_SECRET_INVALID") throw new CliError(result.message);
      if (result.status === "KEYS_UNDER_PREVIOUS_SECRET") {
        throw new CliError(
          "the signing keys pass their integrity check under the previous secret and none under GATEHOUSE_SECRET: the two are swapped " +
            "(run this with the new secret in the environment and type the old one), or `keys reset --yes` has not run yet under the new secret. Nothing was changed",
        );
      }
      if (result.status === "SAME_SECRET") {
        throw new CliError("the previous secret is the current GATEHOUSE_SECRET: run this with the new secret in the environment");
      }
      const { report } = result;
      if (o.json) print(JSON.stringify({ dryRun, ...report }));
      else {
        print(countsLine("TOTP device secrets", report.totpSecrets, dryRun));
        print(countsLine("tenant client secrets", report.tenantClientSecrets, dryRun));
      }
      const unreadable = total(report, "unreadable");
      // Nothing opened under the previous secret, yet something is unreadable: most likely not the secret that sealed them.
      // (A value changed meanwhile was opened too: it counts.)
      if (unreadable > 0 && total(report, "resealed") + total(report, "changedMeanwhile") === 0) {
        throw new CliError(
          `the previous secret opened none of the ${unreadable} unreadable value(s): is it the secret GATEHOUSE_SECRET was before? Nothing was changed ` +
            "(values sealed under an older secret stay unreadable: those users set TOTP up again, those tenants set their client secret again)",
        );
      }
      if (unreadable > 0) {
        progress(
          `${unreadable} value(s) open under neither secret and were left as they are: those users set TOTP up again, those tenants set their client secret again`,
        );
      }
      if (total(report, "changedMeanwhile") > 0) progress("some values changed while this ran: run it again to check them");
      if (dryRun) progress("dry run: nothing was written");
    });
}
