/**
 * Stored addresses brought into the form they are compared in (`normaliseEmail`: trimmed,
 * lower-cased, Unicode NFC, the domain in its Unicode form). A row written before that form (an
 * address kept decomposed, NFD, or with its domain as DNS carries it, `xn--…`) would otherwise be
 * unreachable: every lookup now asks for the normalised form. Each user's rows are rewritten in
 * one transaction; a user whose normalised address already belongs to another account (two
 * accounts made for one mailbox under two spellings) is left as it is and reported, for the
 * operator to settle.
 */
import type { EngineContext } from "../context";
import { normaliseEmail } from "../emailpassword/credential-checks";
import { logAuthEvent } from "../log";

export interface EmailNormalisationReport {
  /** Users whose rows were rewritten (or would be, in a dry run), with the number of rows. */
  rewritten: { userId: string; rows: number }[];
  /** Users left unchanged because their normalised address is already `otherUserId`'s. */
  collisions: { userId: string; otherUserId: string; email: string }[];
  /** Rows of no user (codes under way, invitations, passkey ceremonies) rewritten or to rewrite. */
  unowned: number;
}

export async function normaliseStoredEmails(ctx: EngineContext, options: { dryRun?: boolean } = {}): Promise<EmailNormalisationReport> {
  const store = ctx.stores.emailRewrites;
  const found = await store.findEmailsToRewrite(normaliseEmail);
  const userIds = [...new Set(found.flatMap((row) => (row.userId === null ? [] : [row.userId])))];
  const report: EmailNormalisationReport = { rewritten: [], collisions: [], unowned: 0 };
  for (const userId of userIds) {
    const result = await store.rewriteUserEmails(userId, normaliseEmail, { dryRun: options.dryRun });
    if (result.status === "EMAIL_TAKEN") {
      report.collisions.push({ userId, otherUserId: result.otherUserId, email: result.email });
      continue;
    }
    report.rewritten.push({ userId, rows: result.rows });
    if (!options.dryRun) logAuthEvent(ctx, "email.changed", { userId, reason: "NORMALISED" });
  }
  const unowned = found.filter((row) => row.userId === null).length;
  report.unowned = options.dryRun ? unowned : await store.rewriteUnownedEmails(normaliseEmail);
  return report;
}
