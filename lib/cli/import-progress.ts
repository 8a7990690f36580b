/**
 * The import's progress line on stderr (count, rate, ETA) and its closing summary. On a terminal
 * the line is redrawn in place at most every 200 ms; piped, one line every 5 s, so logs stay short.
 */
import type { ImportLineReport } from "../auth/import/import-users";
import { cliIo } from "./cli-io";

export interface ImportTally {
  created: number;
  updated: number;
  conflicts: number;
  skipped: number;
  invalid: number;
  failed: number;
  /** Reasons of skipped, invalid, failed and conflicting users, counted by their first word. */
  reasons: Map<string, number>;
}

export const emptyTally = (): ImportTally => ({ created: 0, updated: 0, conflicts: 0, skipped: 0, invalid: 0, failed: 0, reasons: new Map() });

export function countReport(tally: ImportTally, report: ImportLineReport): void {
  if (report.status === "CREATED") return void tally.created++;
  if (report.status === "UPDATED") return void tally.updated++;
  if (report.status === "CONFLICT") tally.conflicts++;
  else if (report.status === "SKIPPED") tally.skipped++;
  else if (report.status === "INVALID") tally.invalid++;
  else tally.failed++;
  const word = report.status === "CONFLICT" ? report.reason : `${report.status}: ${report.reason.split(":")[0]}`;
  tally.reasons.set(word, (tally.reasons.get(word) ?? 0) + 1);
}

export function createProgress(total: number | undefined, startedAt: number, write = (s: string) => cliIo().stderr.write(s)) {
  const tty = cliIo().stderr.isTTY;
  let last = 0;
  return {
    update(done: number, force = false) {
      const now = Date.now();
      if (!force && now - last < (tty ? 200 : 5000)) return;
      last = now;
      const seconds = Math.max((now - startedAt) / 1000, 0.001);
      const rate = done / seconds;
      const eta = total !== undefined && rate > 0 ? ` ETA ${formatSeconds((total - done) / rate)}` : "";
      const line = `${done}${total !== undefined ? `/${total}` : ""} users  ${Math.round(rate)}/s${eta}`;
      write(tty ? `\r\u001b[2K${line}` : `${line}\n`);
    },
    done() {
      if (tty) write("\n");
    },
  };
}

const formatSeconds = (s: number) => (s < 90 ? `${Math.ceil(s)}s` : `${Math.floor(s / 60)}m${String(Math.ceil(s % 60)).padStart(2, "0")}s`);

export function summaryLines(tally: ImportTally, seconds: number, dryRun: boolean): string[] {
  const total = tally.created + tally.updated + tally.conflicts + tally.skipped + tally.invalid + tally.failed;
  const rate = seconds > 0 ? Math.round(total / seconds) : total;
  const verb = dryRun ? "would be " : "";
  return [
    `${dryRun ? "dry run: nothing written. " : ""}${total} users read in ${seconds.toFixed(1)}s (${rate}/s)`,
    `  ${verb}imported: ${tally.created}`,
    `  ${verb}updated:  ${tally.updated}`,
    `  conflicts: ${tally.conflicts}`,
    `  skipped:   ${tally.skipped + tally.invalid + tally.failed} (${tally.skipped} unsupported, ${tally.invalid} invalid, ${tally.failed} failed)`,
    ...[...tally.reasons].map(([reason, n]) => `    ${n} × ${reason}`),
  ];
}
