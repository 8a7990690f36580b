import type { Command } from "commander";
import { auditRetentionCutoff, getAuditEvents, getAuditEventsForUser, MAX_AUDIT_PAGE_SIZE, purgeAuditEvents } from "../auth/audit/audit-events";
import type { AuditEventRow } from "../auth/ports/audit-store";
import { EARLIEST_STORABLE_MS } from "../auth/storable-time";
import { CliError, cliEngine, lookUpUser, print, printTable, progress } from "./context";
import { wholeNumberOption } from "./number-option";

const eventRow = (e: AuditEventRow) => [e.time.toISOString(), e.type, e.userId ?? "-", e.ip ?? "-", JSON.stringify(e.detail), e.userAgent ?? "-"];
const eventJson = (e: AuditEventRow) => ({ ...e, time: e.time.getTime() });

/** audit list, audit purge. */
export function registerAuditCommands(program: Command): void {
  const audit = program.command("audit").description("the audit log of security events");

  audit
    .command("list [user]")
    .description("events, newest first: everyone's, or one user's (id, or email of an existing user)")
    .option("--limit <n>", `events per page (1-${MAX_AUDIT_PAGE_SIZE})`, "50")
    .option("--page <token>", "continue from a previous page's token")
    .option("--all", "every event, page after page")
    .option("--json", "one JSON object per line")
    .action(async (ref: string | undefined, o) => {
      const ctx = cliEngine();
      const limit = wholeNumberOption("--limit", o.limit, { min: 1, max: MAX_AUDIT_PAGE_SIZE });
      // An id is taken as it is: a deleted user's events are still there to read.
      const userId = ref === undefined ? undefined : ref.includes("@") ? ((await lookUpUser(ctx, ref))?.id ?? ref) : ref;
      const rows: AuditEventRow[] = [];
      let token: string | undefined = o.page;
      do {
        const input = { limit, paginationToken: token };
        const page = userId === undefined ? await getAuditEvents(ctx, input) : await getAuditEventsForUser(ctx, userId, input);
        if (page.status !== "OK") throw new CliError("--page: not a token from a previous page");
        if (o.json) page.events.forEach((e) => print(JSON.stringify(eventJson(e))));
        else rows.push(...page.events);
        token = page.nextPaginationToken;
      } while (o.all && token);
      if (!o.json) {
        printTable(["time", "event", "user", "ip", "detail", "user agent"], rows.map(eventRow));
        if (token) progress(`more: --page ${token}`);
      }
    });

  audit
    .command("purge")
    .description("delete events older than the retention (auditLog.retentionDays, default 90)")
    .option("--older-than-days <days>", "another age limit for this run (0 deletes every event)")
    .action(async (o) => {
      const ctx = cliEngine();
      let olderThan: Date | null;
      if (o.olderThanDays !== undefined) {
        // A cutoff before the year 1000 is one no database holds (storable-time.ts): no event is that old.
        const most = Math.floor((ctx.now().getTime() - EARLIEST_STORABLE_MS) / 86_400_000);
        const days = wholeNumberOption("--older-than-days", o.olderThanDays, { min: 0, max: most, note: "(back to the year 1000)" });
        olderThan = new Date(ctx.now().getTime() - days * 86_400_000);
      } else {
        olderThan = auditRetentionCutoff(ctx);
        if (!olderThan) throw new CliError("auditLog.retentionDays is 0 (events are kept forever): pass --older-than-days to purge anyway");
      }
      const deleted = await purgeAuditEvents(ctx, { olderThan });
      print(`${deleted} event(s) before ${olderThan.toISOString()} deleted`);
    });
}
