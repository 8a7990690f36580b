/**
 * `gatehouse import`'s one engine call: a batch of users in the import format (import-line.ts)
 * checked, converted and stored in one transaction (ImportStore), with one report per line. A
 * line that is malformed, skipped or in conflict is reported and costs the batch's other lines
 * nothing.
 */
import type { EngineContext } from "../context";
import type { FirebaseHashParameters } from "../imported-hashes/import-hash";
import { logAuthEvent } from "../log";
import type { ImportUserRecord } from "../ports/import-store";
import { toImportRecord } from "./import-line";

/** A line of the input: its number (1-based, for the report), and the parsed JSON or why there is none ("not JSON: …"). */
export type ImportInputLine = { line: number; value: unknown } | { line: number; parseError: string };

export type ImportLineReport = { line: number; email?: string | null } & (
  | { status: "CREATED"; userId: string }
  | { status: "UPDATED"; userId: string }
  | { status: "CONFLICT"; reason: string; otherUserId?: string }
  | { status: "SKIPPED"; reason: string }
  | { status: "INVALID"; reason: string }
  | { status: "FAILED"; reason: string }
);

export interface ImportBatchOptions {
  /** Recorded with each user: "json", "supertokens", … */
  source: string;
  dryRun: boolean;
  firebase?: FirebaseHashParameters;
}

export async function importUserBatch(ctx: EngineContext, lines: ImportInputLine[], options: ImportBatchOptions): Promise<ImportLineReport[]> {
  const now = ctx.now();
  const reports: ImportLineReport[] = new Array(lines.length);
  const records: ImportUserRecord[] = [];
  const slots: number[] = [];
  for (const [index, input] of lines.entries()) {
    if ("parseError" in input) {
      reports[index] = { line: input.line, status: "INVALID", reason: input.parseError };
      continue;
    }
    const result = await toImportRecord(input.value, { source: options.source, now, firebase: options.firebase });
    if (result.status === "OK") {
      records.push(result.record);
      slots.push(index);
    } else
      reports[index] = {
        line: input.line,
        email: result.status === "SKIPPED" ? result.email : undefined,
        status: result.status,
        reason: result.reason,
      };
  }
  const outcomes = records.length ? await ctx.stores.imports.importUsers(records, { dryRun: options.dryRun, now }) : [];
  outcomes.forEach((outcome, i) => {
    const index = slots[i];
    const base = { line: lines[index].line, email: records[i].email };
    reports[index] = outcome instanceof Error ? { ...base, status: "FAILED", reason: lastLine(outcome.message) } : { ...base, ...outcome };
  });
  const written = reports.filter((r) => r.status === "CREATED" || r.status === "UPDATED").length;
  // One audit event per batch, not per user: an import of 100k users must not write 100k more rows.
  if (!options.dryRun && written > 0) logAuthEvent(ctx, "user.imported", { reason: options.source, count: written });
  return reports;
}

// Driver errors (Prisma's among them) put the cause on their last line, after the call site.
function lastLine(message: string): string {
  return message.trim().split("\n").filter(Boolean).pop()?.trim() ?? "database error";
}
