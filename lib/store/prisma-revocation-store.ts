/** RevocationStore on Prisma: recent revocations shared by every instance. */
import type { RevocationStore } from "../auth/ports/revocation-store";
import { isUniqueViolation } from "./prisma-errors";
import type { PrismaClientSource } from "./prisma-client";
import { listenForRevocations, type RevocationListenerOptions } from "./revocation-listener";
import { encodeRevocationPayloads, REVOCATION_CHANNEL } from "./revocation-listener-payload";

export interface RevocationPushOptions {
  /** PostgreSQL only: NOTIFY every insert, so that listening instances learn of it at once. */
  notify?: boolean;
  /** PostgreSQL URL to LISTEN on (one dedicated connection); unset, no `subscribe`. */
  listenUrl?: string;
  listener?: RevocationListenerOptions;
}

export function createPrismaRevocationStore(client: PrismaClientSource, push: RevocationPushOptions = {}): RevocationStore {
  const store: RevocationStore = {
    async recordRevocations(rows) {
      const prisma = await client();
      for (const row of rows) {
        try {
          await prisma.sessionRevocation.create({ data: row });
        } catch (error) {
          // Already recorded (revoked twice, or by two instances at once): one row suffices.
          if (!isUniqueViolation(error)) throw error;
        }
      }
      if (!push.notify) return;
      // Right after the inserts (each committed on its own): a listener that hears of a row can
      // rely on it being there. A failed NOTIFY costs only speed, since every instance's sync
      // reads the row anyway, so it does not fail the revocation that was recorded.
      for (const payload of encodeRevocationPayloads(rows)) {
        await prisma.$executeRaw`SELECT pg_notify(${REVOCATION_CHANNEL}, ${payload})`.catch(() => {});
      }
    },

    async listRevocations(since, now) {
      const prisma = await client();
      return prisma.sessionRevocation.findMany({
        where: { expiresAt: { gt: now }, ...(since !== undefined && { revokedAt: { gte: since } }) },
        orderBy: [{ revokedAt: "asc" }, { sessionHandle: "asc" }],
      });
    },

    async hasRevocation(sessionHandle, now) {
      const prisma = await client();
      const row = await prisma.sessionRevocation.findFirst({ where: { sessionHandle, expiresAt: { gt: now } }, select: { sessionHandle: true } });
      return row !== null;
    },

    async deleteExpiredRevocations(now) {
      const prisma = await client();
      const { count } = await prisma.sessionRevocation.deleteMany({ where: { expiresAt: { lte: now } } });
      return count;
    },
  };
  const { listenUrl } = push;
  if (listenUrl) store.subscribe = (handlers) => listenForRevocations(listenUrl, handlers, push.listener);
  return store;
}
