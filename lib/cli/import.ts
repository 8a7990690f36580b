/**
 * `gatehouse import <source> --from <…>` and `gatehouse export`: users in and out in the import
 * format (docs/migrating.md). Reports of users that were not imported go to stdout (a line each,
 * or JSON with --json), progress to stderr, the summary last.
 */
import { createWriteStream, fchmodSync, openSync } from "node:fs";
import type { Command } from "commander";
import { toExportLine } from "../auth/import/export-line";
import { importUserBatch, type ImportInputLine, type ImportLineReport } from "../auth/import/import-users";
import { firebaseParametersProblem, type FirebaseHashParameters } from "../auth/imported-hashes/import-hash";
import { cliIo, setCliExitCode } from "./cli-io";
import { CliError, cliEngine, print, progress } from "./context";
import { countReport, createProgress, emptyTally, summaryLines } from "./import-progress";
import { openSource, SOURCES } from "./import-sources/open-source";
import { wholeNumberOption } from "./number-option";
import { createNewRoleOrAddPermissions, isValidRoleName } from "../auth/userroles/roles";

function firebaseOptions(o: Record<string, string | undefined>): FirebaseHashParameters | undefined {
  if (!o.firebaseSignerKey) return undefined;
  const int = (name: string, value: string | undefined) => (value === undefined ? undefined : wholeNumberOption(name, value, { min: 1, max: 32 }));
  const parameters = {
    signerKey: o.firebaseSignerKey,
    saltSeparator: o.firebaseSaltSeparator,
    rounds: int("--firebase-rounds", o.firebaseRounds),
    memCost: int("--firebase-mem-cost", o.firebaseMemCost),
  };
  // Before any user: each Firebase hash would be reported for it otherwise.
  const problem = firebaseParametersProblem(parameters);
  if (problem) throw new CliError(`${problem}: copy it from Console → Authentication → Users → ⋮ → Password hash parameters`, 2);
  return parameters;
}

const describe = (r: ImportLineReport) =>
  `line ${r.line}${r.email ? ` (${r.email})` : ""}: ${r.status}${"reason" in r ? ` ${r.reason}` : ""}${"otherUserId" in r && r.otherUserId ? ` (user ${r.otherUserId})` : ""}`;

/**
 * The export file, opened for writing and readable by its owner only: it holds password hashes.
 * `mode` applies only to a file the open creates; one that was there keeps its permissions (an
 * older export left 0644), so they are set on the open file before anything is written.
 */
function ownerOnlyFile(file: string): number {
  const fd = openSync(file, "w", 0o600);
  fchmodSync(fd, 0o600);
  return fd;
}

export function registerImportCommands(program: Command): void {
  program
    .command("import <source>")
    .description(`bring users in, with their password hashes: ${SOURCES.join(", ")} (docs/migrating.md)`)
    .requiredOption("--from <path-or-url>", "json: the JSON Lines file (- for stdin); others: the source's database URL")
    .option("--dry-run", "check every user and say what would happen; write nothing")
    .option("--batch-size <n>", "users per transaction (1-5000)", "500")
    .option("--json", "reports as JSON lines")
    .option("--firebase-signer-key <base64>", "Firebase project's base64_signer_key (firebase_scrypt hashes)")
    .option("--firebase-salt-separator <base64>", "Firebase project's base64_salt_separator", "Bw==")
    .option("--firebase-rounds <n>", "Firebase project's rounds", "8")
    .option("--firebase-mem-cost <n>", "Firebase project's mem_cost", "14")
    .option("--users-table <name>", "authjs, lucia: the user table (default User for authjs, user for lucia)")
    .option("--accounts-table <name>", "authjs: the account table (default Account)")
    .option("--password-column <name>", "authjs, lucia: the user table's password hash column (authjs: none by default; lucia: hashed_password)")
    .option("--email-column <name>", "lucia: the user table's email column (default email)")
    .option(
      "--provider-column <column=provider>",
      "lucia: a column holding a provider's user id and the provider it is (github_id=github); repeat for each",
      (pair: string, pairs: string[] = []) => [...pairs, pair],
    )
    .action(async (sourceName: string, o) => {
      const batchSize = wholeNumberOption("--batch-size", o.batchSize, { min: 1, max: 5000 });
      const firebase = firebaseOptions(o);
      const source = openSource(sourceName, o.from, o);
      const ctx = cliEngine();
      const startedAt = Date.now();
      const tally = emptyTally();
      try {
        for (const { role, permissions } of (await source.roles?.()) ?? []) {
          if (![role, ...permissions].every(isValidRoleName)) print(`role ${JSON.stringify(role)}: SKIPPED not a valid role or permission name`);
          else if (!o.dryRun) await createNewRoleOrAddPermissions(ctx, role, permissions);
        }
        const bar = createProgress(await source.count(), startedAt);
        let done = 0;
        const run = async (batch: ImportInputLine[]) => {
          const reports = await importUserBatch(ctx, batch, { source: sourceName, dryRun: !!o.dryRun, firebase });
          for (const report of reports) {
            countReport(tally, report);
            if (o.json) print(JSON.stringify(report));
            else if (report.status !== "CREATED" && report.status !== "UPDATED") print(describe(report));
          }
          done += batch.length;
          bar.update(done);
        };
        let batch: ImportInputLine[] = [];
        for await (const line of source.lines()) {
          batch.push(line);
          if (batch.length >= batchSize) await run(batch.splice(0));
        }
        if (batch.length) await run(batch);
        batch = [];
        bar.update(done, true);
        bar.done();
      } finally {
        await source.close();
      }
      for (const line of summaryLines(tally, (Date.now() - startedAt) / 1000, !!o.dryRun)) (o.json ? progress : print)(line);
      if (tally.failed > 0) setCliExitCode(1);
    });

  program
    .command("export")
    .description("every user in the import format, one JSON object per line (docs/migrating.md)")
    .option("--to <path>", "write to this file instead of stdout")
    .action(async (o) => {
      const ctx = cliEngine();
      const out = o.to ? createWriteStream("", { fd: ownerOnlyFile(o.to), encoding: "utf8" }) : cliIo().stdout;
      const write = (text: string) => new Promise<void>((resolve, reject) => out.write(text, (e) => (e ? reject(e) : resolve())));
      let after: string | undefined;
      let written = 0;
      let withoutMethod = 0;
      for (;;) {
        const page = await ctx.stores.imports.exportUsers({ limit: 1000, afterUserId: after });
        if (page.length === 0) break;
        let chunk = "";
        for (const user of page) {
          const line = toExportLine(user);
          if (line.loginMethods.length === 0) {
            withoutMethod++;
            continue;
          }
          chunk += `${JSON.stringify(line)}\n`;
          written++;
        }
        await write(chunk);
        after = page[page.length - 1].id;
      }
      if (o.to) await new Promise<void>((resolve) => (out as ReturnType<typeof createWriteStream>).end(resolve));
      progress(
        `${written} users exported${withoutMethod ? `; ${withoutMethod} without a password or third-party login (passwordless or passkey only) left out` : ""}`,
      );
    });
}
