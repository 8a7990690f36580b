/** WebauthnStore on Prisma: passkeys and the options of ceremonies under way. */
import type { UserRow } from "../auth/ports";
import type { WebauthnCredentialRow, WebauthnOptionsRow, WebauthnStore } from "../auth/ports/webauthn-store";
import type { PrismaClientSource } from "./prisma-client";
import { isForeignKeyViolation, isUniqueViolation, isUniqueViolationOn } from "./prisma-errors";

type CredentialRecord = Omit<WebauthnCredentialRow, "counter" | "transports"> & { counter: bigint; transports: string };
type OptionsRecord = Omit<WebauthnOptionsRow, "kind"> & { kind: string };

const toUser = (u: UserRow): UserRow => ({ id: u.id, email: u.email, emailVerified: u.emailVerified, timeJoined: u.timeJoined });

function toCredential(c: CredentialRecord): WebauthnCredentialRow {
  return {
    id: c.id,
    credentialId: c.credentialId,
    userId: c.userId,
    userHandle: c.userHandle,
    publicKey: c.publicKey,
    counter: Number(c.counter),
    transports: parseTransports(c.transports),
    rpId: c.rpId,
    name: c.name,
    createdAt: c.createdAt,
    lastUsedAt: c.lastUsedAt,
  };
}

function toCredentialRecord(c: WebauthnCredentialRow): CredentialRecord {
  const { counter, transports, ...columns } = c;
  return { ...columns, counter: BigInt(counter), transports: JSON.stringify(transports) };
}

function parseTransports(text: string): string[] {
  try {
    const value: unknown = JSON.parse(text);
    return Array.isArray(value) ? value.filter((t): t is string => typeof t === "string") : [];
  } catch {
    return [];
  }
}

function toOptions(o: OptionsRecord): WebauthnOptionsRow {
  return {
    id: o.id,
    kind: o.kind === "signin" ? "signin" : "register",
    challenge: o.challenge,
    rpId: o.rpId,
    email: o.email,
    userHandle: o.userHandle,
    userId: o.userId,
    createdAt: o.createdAt,
    expiresAt: o.expiresAt,
  };
}

/** Thrown inside the sign-up transaction to roll it back when the address is taken. */
class EmailTaken extends Error {}

export function createPrismaWebauthnStore(client: PrismaClientSource): WebauthnStore {
  return {
    async saveOptions(row) {
      const prisma = await client();
      await prisma.webauthnGeneratedOptions.create({ data: toOptions(row) });
    },

    async consumeOptions(id) {
      const prisma = await client();
      const record = await prisma.webauthnGeneratedOptions.findUnique({ where: { id } });
      if (!record || record.id !== id) return null;
      // Single use: the DELETE decides. Of concurrent callers that all read the row, the
      // database lets exactly one delete it; the others see a count of 0 and get nothing.
      const { count } = await prisma.webauthnGeneratedOptions.deleteMany({ where: { id } });
      return count === 1 ? toOptions(record) : null;
    },

    async deleteOptionsExpiredBefore(before) {
      const prisma = await client();
      const { count } = await prisma.webauthnGeneratedOptions.deleteMany({ where: { expiresAt: { lte: before } } });
      return count;
    },

    async createWebauthnUser({ user, credential }) {
      const prisma = await client();
      try {
        const created = await prisma.$transaction(async (tx) => {
          // An email+password account keeps its own copy of the address; it counts as taken too.
          if (user.email !== null && (await tx.emailPasswordAccount.findUnique({ where: { email: user.email } }))) throw new EmailTaken();
          const row = await tx.user.create({ data: toUser(user) });
          await tx.webauthnCredential.create({ data: toCredentialRecord(credential) });
          return row;
        });
        return { status: "OK", user: toUser(created) };
      } catch (error) {
        if (error instanceof EmailTaken || isUniqueViolationOn(error, "email")) return { status: "EMAIL_ALREADY_EXISTS" };
        if (isUniqueViolation(error)) return { status: "CREDENTIAL_ALREADY_EXISTS" };
        throw error;
      }
    },

    async addCredential(credential) {
      const prisma = await client();
      try {
        await prisma.webauthnCredential.create({ data: toCredentialRecord(credential) });
        return { status: "OK" };
      } catch (error) {
        if (isForeignKeyViolation(error)) return { status: "USER_NOT_FOUND" };
        if (isUniqueViolation(error)) return { status: "CREDENTIAL_ALREADY_EXISTS" };
        throw error;
      }
    },

    async findCredential(id) {
      const prisma = await client();
      const record = await prisma.webauthnCredential.findUnique({ where: { id }, include: { user: true } });
      // The user is read by a second query: a concurrent delete can leave it missing.
      const user = record?.user as UserRow | null | undefined;
      return record && user && record.id === id ? { credential: toCredential(record), user: toUser(user) } : null;
    },

    async listCredentials(userId) {
      const prisma = await client();
      const records = await prisma.webauthnCredential.findMany({ where: { userId }, orderBy: [{ createdAt: "asc" }, { id: "asc" }] });
      return records.map(toCredential);
    },

    async recordUse({ id, expectedCounter, counter, usedAt }) {
      const prisma = await client();
      // Compare-and-set on the counter: of two uses presenting one counter value, one lands.
      const { count } = await prisma.webauthnCredential.updateMany({
        where: { id, counter: BigInt(expectedCounter) },
        data: { counter: BigInt(counter), lastUsedAt: usedAt },
      });
      return count === 1;
    },

    async renameCredential({ id, userId, name }) {
      const prisma = await client();
      const { count } = await prisma.webauthnCredential.updateMany({ where: { id, userId }, data: { name } });
      return count === 1;
    },

    async deleteCredential({ id, userId }) {
      const prisma = await client();
      const { count } = await prisma.webauthnCredential.deleteMany({ where: { id, userId } });
      return count === 1;
    },
  };
}
