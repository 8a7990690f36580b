/** SigningKeyStore on Prisma. */
import type { SigningKeyRow, SigningKeyStore } from "../auth/ports";
import { fromJsonColumn, toJsonColumn } from "./json-column";
import { isUniqueViolation } from "./prisma-errors";
import type { PrismaClientSource } from "./prisma-client";

const ALGORITHMS: ReadonlySet<string> = new Set<SigningKeyRow["algorithm"]>(["RS256", "EdDSA"]);

interface SigningKeyRecord {
  kid: string;
  algorithm: string;
  publicJwk: string;
  sealedPrivateKey: string;
  createdAt: Date;
  signUntil: Date;
  verifyUntil: Date;
  mac: string | null;
}

function toSigningKeyRow(record: SigningKeyRecord): SigningKeyRow {
  // Verification pins algorithms by key; a row naming anything else is refused rather than
  // passed on, so a tampered row cannot steer the verifier to another algorithm.
  if (!ALGORITHMS.has(record.algorithm)) {
    throw new Error(`signing key ${record.kid} has unsupported algorithm "${record.algorithm}"`);
  }
  return {
    ...record,
    algorithm: record.algorithm as SigningKeyRow["algorithm"],
    publicJwk: fromJsonColumn(record.publicJwk, "signing_keys.public_jwk"),
  };
}

export function createPrismaSigningKeyStore(client: PrismaClientSource): SigningKeyStore {
  return {
    async listVerifyingKeys(now) {
      const prisma = await client();
      const records = await prisma.signingKey.findMany({
        where: { verifyUntil: { gt: now } },
        orderBy: [{ createdAt: "desc" }, { kid: "desc" }],
      });
      return records.map(toSigningKeyRow);
    },

    async insertKey(row) {
      const prisma = await client();
      try {
        await prisma.signingKey.create({ data: { ...row, publicJwk: toJsonColumn(row.publicJwk) } });
        return true;
      } catch (error) {
        // Another instance made the key for this rotation slot first: theirs is used. The kid is
        // the table's only unique key (its primary key, which the drivers name differently).
        if (isUniqueViolation(error)) return false;
        throw error;
      }
    },

    async updateKeyWindows(kid, windows, expectedMac) {
      const prisma = await client();
      const { count } = await prisma.signingKey.updateMany({
        where: { kid, ...(expectedMac !== undefined && { mac: expectedMac }) },
        data: {
          ...(windows.signUntil !== undefined && { signUntil: windows.signUntil }),
          ...(windows.verifyUntil !== undefined && { verifyUntil: windows.verifyUntil }),
          ...(windows.mac !== undefined && { mac: windows.mac }),
        },
      });
      return count > 0;
    },

    async deleteExpiredKeys(now) {
      const prisma = await client();
      const { count } = await prisma.signingKey.deleteMany({ where: { verifyUntil: { lte: now } } });
      return count;
    },
  };
}
