/**
 * `gatehouse export`: a stored user as a line of the import format (import-line.ts), so that
 * what leaves one Gatehouse arrives in another (or in any system that reads SuperTokens'
 * bulk-import shape) with its password hash, identities, roles and metadata.
 */
import { storedHashFormat } from "../imported-hashes/stored-hash-format";
import type { ExportUserRow } from "../ports/import-store";
import type { ImportLine } from "./import-line";

export function toExportLine(user: ExportUserRow): ImportLine {
  const timeJoined = user.timeJoined.getTime();
  const methods: ImportLine["loginMethods"] = [];
  if (user.passwordHash !== null && user.email !== null) {
    const format = storedHashFormat(user.passwordHash);
    // bcrypt and argon2 are read by any importer under their own names; our scrypt encodings only by Gatehouse.
    const hashingAlgorithm = format === "bcrypt" ? "bcrypt" : format === "argon2" || format === "argon2id" ? "argon2" : "gatehouse";
    methods.push({
      recipeId: "emailpassword",
      tenantIds: ["public"],
      isVerified: user.emailVerified,
      isPrimary: true,
      timeJoined,
      email: user.email,
      passwordHash: user.passwordHash,
      hashingAlgorithm,
    });
  }
  for (const a of user.thirdPartyAccounts)
    methods.push({
      recipeId: "thirdparty",
      tenantIds: ["public"],
      isVerified: a.email === user.email && user.emailVerified,
      isPrimary: methods.length === 0,
      timeJoined,
      email: a.email || undefined,
      thirdPartyId: a.thirdPartyId,
      thirdPartyUserId: a.thirdPartyUserId,
    });
  return {
    externalUserId: user.id,
    userMetadata: user.imported?.metadata ?? {},
    userRoles: user.roles.map((role) => ({ role, tenantIds: ["public"] })),
    loginMethods: methods,
  };
}
