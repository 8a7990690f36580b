/** EmailRewriteStore on Prisma: every table that holds an address, scanned page by page, rewritten per user in one transaction. */
import type { EmailRewriteStore, RewriteUserEmailsResult, StoredEmailRow } from "../auth/ports/email-rewrite-store";
import type { GatehousePrismaClient, PrismaClientSource } from "./prisma-client";
import { isUniqueViolation, retryOnWriteConflict } from "./prisma-errors";

const PAGE = 1000;

type Tx = Parameters<Parameters<GatehousePrismaClient["$transaction"]>[0]>[0];
type Row = { key: string; userId: string | null; email: string };
type Scan = { table: StoredEmailRow["table"]; page: (prisma: GatehousePrismaClient, after: string | undefined) => Promise<Row[]> };

const after = (column: string, key: string | undefined) => (key === undefined ? {} : { [column]: { gt: key } });

// One page reader per table, each ordered by its primary key.
const SCANS: Scan[] = [
  {
    table: "users",
    page: async (p, key) =>
      (
        await p.user.findMany({
          where: { email: { not: null }, ...after("id", key) },
          orderBy: { id: "asc" },
          take: PAGE,
          select: { id: true, email: true },
        })
      ).map((r) => ({ key: r.id, userId: r.id, email: r.email! })),
  },
  {
    table: "email_password_accounts",
    page: async (p, key) =>
      (
        await p.emailPasswordAccount.findMany({
          where: after("userId", key),
          orderBy: { userId: "asc" },
          take: PAGE,
          select: { userId: true, email: true },
        })
      ).map((r) => ({ key: r.userId, userId: r.userId, email: r.email })),
  },
  {
    table: "third_party_accounts",
    page: async (p, key) =>
      (
        await p.thirdPartyAccount.findMany({
          where: after("id", key),
          orderBy: { id: "asc" },
          take: PAGE,
          select: { id: true, userId: true, email: true },
        })
      ).map((r) => ({ key: r.id, userId: r.userId, email: r.email })),
  },
  {
    table: "passwordless_accounts",
    page: async (p, key) =>
      (
        await p.passwordlessAccount.findMany({
          where: { email: { not: null }, ...after("userId", key) },
          orderBy: { userId: "asc" },
          take: PAGE,
          select: { userId: true, email: true },
        })
      ).map((r) => ({ key: r.userId, userId: r.userId, email: r.email! })),
  },
  ...(["emailVerificationToken", "passwordResetToken", "webauthnRecoverToken"] as const).map((model): Scan => ({
    table: (
      {
        emailVerificationToken: "email_verification_tokens",
        passwordResetToken: "password_reset_tokens",
        webauthnRecoverToken: "webauthn_recover_tokens",
      } as const
    )[model],
    page: async (p, key) =>
      // The three token tables share their columns; Prisma's delegates do not share a type.
      (
        await (p[model] as GatehousePrismaClient["emailVerificationToken"]).findMany({
          where: after("tokenHash", key),
          orderBy: { tokenHash: "asc" },
          take: PAGE,
          select: { tokenHash: true, userId: true, email: true },
        })
      ).map((r) => ({ key: r.tokenHash, userId: r.userId, email: r.email })),
  })),
  {
    table: "passwordless_devices",
    page: async (p, key) =>
      (
        await p.passwordlessDevice.findMany({
          where: { email: { not: null }, ...after("preAuthSessionId", key) },
          orderBy: { preAuthSessionId: "asc" },
          take: PAGE,
          select: { preAuthSessionId: true, email: true },
        })
      ).map((r) => ({ key: r.preAuthSessionId, userId: null, email: r.email! })),
  },
  {
    table: "organization_invitations",
    page: async (p, key) =>
      (
        await p.organizationInvitation.findMany({ where: after("id", key), orderBy: { id: "asc" }, take: PAGE, select: { id: true, email: true } })
      ).map((r) => ({
        key: r.id,
        userId: null,
        email: r.email,
      })),
  },
  {
    table: "webauthn_generated_options",
    page: async (p, key) =>
      (
        await p.webauthnGeneratedOptions.findMany({
          where: { email: { not: null }, ...after("id", key) },
          orderBy: { id: "asc" },
          take: PAGE,
          select: { id: true, email: true },
        })
      ).map((r) => ({ key: r.id, userId: null, email: r.email! })),
  },
];

const UNOWNED = new Set<StoredEmailRow["table"]>(["passwordless_devices", "organization_invitations", "webauthn_generated_options"]);

/** The rows of `scans` whose address `rewrite` changes, page by page. */
async function rowsToRewrite(prisma: GatehousePrismaClient, scans: Scan[], rewrite: (email: string) => string): Promise<StoredEmailRow[]> {
  const found: StoredEmailRow[] = [];
  for (const scan of scans) {
    let key: string | undefined;
    for (;;) {
      const page = await scan.page(prisma, key);
      for (const row of page) if (rewrite(row.email) !== row.email) found.push({ table: scan.table, userId: row.userId, email: row.email });
      if (page.length < PAGE) break;
      key = page[page.length - 1]!.key;
    }
  }
  return found;
}

/** Carries a result out of a transaction callback, rolling the transaction back. */
class Outcome {
  constructor(readonly result: RewriteUserEmailsResult) {}
}

/** The user other than `userId` who already holds `email` in a column where it is unique. */
async function holderOtherThan(tx: Tx, userId: string, email: string): Promise<string | undefined> {
  const user = await tx.user.findFirst({ where: { email, id: { not: userId } }, select: { id: true } });
  const account = user ?? (await tx.emailPasswordAccount.findFirst({ where: { email, userId: { not: userId } }, select: { userId: true } }));
  const passwordless = account ?? (await tx.passwordlessAccount.findFirst({ where: { email, userId: { not: userId } }, select: { userId: true } }));
  if (!passwordless) return undefined;
  return "id" in passwordless ? passwordless.id : passwordless.userId;
}

async function rewriteUserIn(tx: Tx, userId: string, rewrite: (email: string) => string, dryRun: boolean): Promise<RewriteUserEmailsResult> {
  const changed = (email: string | null | undefined): email is string => typeof email === "string" && rewrite(email) !== email;
  const user = await tx.user.findUnique({ where: { id: userId }, select: { email: true } });
  const account = await tx.emailPasswordAccount.findUnique({ where: { userId }, select: { email: true } });
  const passwordless = await tx.passwordlessAccount.findUnique({ where: { userId }, select: { email: true } });
  const identities = (await tx.thirdPartyAccount.findMany({ where: { userId }, select: { id: true, email: true } })).filter((r) => changed(r.email));
  const tokens = {
    emailVerificationToken: (await tx.emailVerificationToken.findMany({ where: { userId }, select: { tokenHash: true, email: true } })).filter((r) =>
      changed(r.email),
    ),
    passwordResetToken: (await tx.passwordResetToken.findMany({ where: { userId }, select: { tokenHash: true, email: true } })).filter((r) =>
      changed(r.email),
    ),
    webauthnRecoverToken: (await tx.webauthnRecoverToken.findMany({ where: { userId }, select: { tokenHash: true, email: true } })).filter((r) =>
      changed(r.email),
    ),
  };
  // The unique columns first: an address already another user's changes nothing of this user.
  const unique = [user?.email, account?.email, passwordless?.email].filter(changed);
  for (const email of new Set(unique.map(rewrite))) {
    const otherUserId = await holderOtherThan(tx, userId, email);
    if (otherUserId) return { status: "EMAIL_TAKEN", email, otherUserId };
  }
  const rows =
    unique.length + identities.length + tokens.emailVerificationToken.length + tokens.passwordResetToken.length + tokens.webauthnRecoverToken.length;
  if (dryRun) return { status: "OK", rows };
  if (changed(user?.email)) await tx.user.update({ where: { id: userId }, data: { email: rewrite(user.email) } });
  if (changed(account?.email)) await tx.emailPasswordAccount.update({ where: { userId }, data: { email: rewrite(account.email) } });
  if (changed(passwordless?.email)) await tx.passwordlessAccount.update({ where: { userId }, data: { email: rewrite(passwordless.email) } });
  for (const r of identities) await tx.thirdPartyAccount.update({ where: { id: r.id }, data: { email: rewrite(r.email) } });
  for (const r of tokens.emailVerificationToken)
    await tx.emailVerificationToken.update({ where: { tokenHash: r.tokenHash }, data: { email: rewrite(r.email) } });
  for (const r of tokens.passwordResetToken)
    await tx.passwordResetToken.update({ where: { tokenHash: r.tokenHash }, data: { email: rewrite(r.email) } });
  for (const r of tokens.webauthnRecoverToken)
    await tx.webauthnRecoverToken.update({ where: { tokenHash: r.tokenHash }, data: { email: rewrite(r.email) } });
  return { status: "OK", rows };
}

export function createPrismaEmailRewriteStore(client: PrismaClientSource): EmailRewriteStore {
  return {
    async findEmailsToRewrite(rewrite) {
      return rowsToRewrite(await client(), SCANS, rewrite);
    },

    async rewriteUserEmails(userId, rewrite, options = {}) {
      const prisma = await client();
      for (let attempt = 1; ; attempt++) {
        try {
          return await retryOnWriteConflict(() =>
            prisma.$transaction(async (tx) => {
              const result = await rewriteUserIn(tx, userId, rewrite, options.dryRun ?? false);
              if (result.status !== "OK") throw new Outcome(result);
              return result;
            }),
          );
        } catch (error) {
          if (error instanceof Outcome) return error.result;
          // A sign-up took the address between the check and the write: the next check names it.
          if (!isUniqueViolation(error) || attempt >= 3) throw error;
        }
      }
    },

    async rewriteUnownedEmails(rewrite) {
      const prisma = await client();
      const rows = await rowsToRewrite(
        prisma,
        SCANS.filter((scan) => UNOWNED.has(scan.table)),
        rewrite,
      );
      // Not unique anywhere: each row is rewritten on its own.
      let count = 0;
      for (const r of rows) {
        const data = { email: rewrite(r.email) };
        const where = { email: r.email };
        if (r.table === "passwordless_devices") count += (await prisma.passwordlessDevice.updateMany({ where, data })).count;
        else if (r.table === "organization_invitations") count += (await prisma.organizationInvitation.updateMany({ where, data })).count;
        else if (r.table === "webauthn_generated_options") count += (await prisma.webauthnGeneratedOptions.updateMany({ where, data })).count;
      }
      return count;
    },
  };
}
