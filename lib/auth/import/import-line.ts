/**
 * The import format (docs/migrating.md): one JSON object per line, in the shape of SuperTokens'
 * bulk-import user, turned into an ImportUserRecord or a reason why not. Every source reader
 * (lib/cli/import-sources/) produces these objects, so there is one set of rules for all of them.
 */
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { normaliseEmail, validateEmail } from "../emailpassword/credential-checks";
import { hashPassword } from "../emailpassword/password-hash";
import { HASHING_ALGORITHMS, importHash, type FirebaseHashParameters } from "../imported-hashes/import-hash";
import type { ImportUserRecord } from "../ports/import-store";
import { LATEST_STORABLE_MS } from "../storable-time";
import { isValidRoleName } from "../userroles/roles";

const loginMethod = z.object({
  recipeId: z.enum(["emailpassword", "thirdparty", "passwordless"]),
  tenantIds: z.array(z.string()).optional(),
  isVerified: z.boolean().optional(),
  isPrimary: z.boolean().optional(),
  /** Milliseconds since the epoch. */
  timeJoined: z.number().int().nonnegative().max(LATEST_STORABLE_MS, "after the year 9999").optional(),
  email: z.string().max(255).optional(),
  passwordHash: z.string().max(1024).optional(),
  // SuperTokens writes them in capitals in places ("BCRYPT"); either is accepted.
  hashingAlgorithm: z
    .string()
    .transform((s) => s.toLowerCase())
    .pipe(z.enum(HASHING_ALGORITHMS))
    .optional(),
  passwordSalt: z.string().max(1024).optional(),
  plainTextPassword: z.string().min(1).max(256).optional(),
  thirdPartyId: z.string().min(1).max(64).optional(),
  thirdPartyUserId: z.string().min(1).max(191).optional(),
  phoneNumber: z.string().optional(),
});

export const importLineSchema = z.object({
  externalUserId: z.string().min(1).max(191).optional(),
  userMetadata: z.record(z.string(), z.unknown()).optional(),
  userRoles: z.array(z.union([z.string(), z.object({ role: z.string(), tenantIds: z.array(z.string()).optional() })])).optional(),
  loginMethods: z.array(loginMethod).min(1),
});

export type ImportLine = z.input<typeof importLineSchema>;

export type ImportLineResult =
  | { status: "OK"; record: ImportUserRecord }
  /** Not in the format: the line is reported and nothing else happens. */
  | { status: "INVALID"; reason: string }
  /** In the format, but not something Gatehouse can import (yet): reported, never dropped silently. */
  | { status: "SKIPPED"; reason: string; email?: string };

// Ids kept as they are when they fit Gatehouse's id column and read as ids. Not "." or "..":
// a URL path cannot carry them (`/admin/users/..` is `/admin/` to every parser), so the admin API
// and the dashboard could not reach the user; such an id is recorded as the old id only.
const KEEPABLE_ID = /^(?!\.{1,2}$)[A-Za-z0-9._:@|+=-]{1,191}$/;
const PUBLIC_TENANT = "public";

export interface ImportLineOptions {
  source: string;
  now: Date;
  firebase?: FirebaseHashParameters;
}

/** Whether any string in `value` (keys included) holds U+0000, which PostgreSQL cannot store. */
function holdsNul(value: unknown): boolean {
  if (typeof value === "string") return value.includes("\0");
  if (Array.isArray(value)) return value.some(holdsNul);
  if (value !== null && typeof value === "object") return Object.entries(value).some(([key, item]) => key.includes("\0") || holdsNul(item));
  return false;
}

export async function toImportRecord(value: unknown, options: ImportLineOptions): Promise<ImportLineResult> {
  // Refused on every database alike, as the HTTP API refuses it (lib/http/parse.ts).
  if (holdsNul(value)) return { status: "INVALID", reason: "line: text with U+0000 (NUL) cannot be stored" };
  const parsed = importLineSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { status: "INVALID", reason: `${issue.path.join(".") || "line"}: ${issue.message}` };
  }
  const line = parsed.data;
  const methods = line.loginMethods;
  const skipped = (reason: string): ImportLineResult => ({ status: "SKIPPED", reason, email: methods.find((m) => m.email)?.email });
  if (methods.some((m) => m.tenantIds && !m.tenantIds.includes(PUBLIC_TENANT)))
    return skipped("TENANT_NOT_SUPPORTED: only the public tenant is imported");
  // A role, like a login method, is imported only for the public tenant: a role scoped to other
  // tenants would become an app-wide role here (st-role in every session of the user).
  const [scopedRole] = (line.userRoles ?? []).flatMap((r) =>
    typeof r !== "string" && r.tenantIds && !r.tenantIds.includes(PUBLIC_TENANT) ? [r.role] : [],
  );
  if (scopedRole !== undefined)
    return skipped(`TENANT_NOT_SUPPORTED: the role ${JSON.stringify(scopedRole)} is granted only in tenants other than public`);
  if (methods.some((m) => m.recipeId === "passwordless"))
    return skipped("PASSWORDLESS_NOT_SUPPORTED: passwordless login methods are not imported yet");
  const passwords = methods.filter((m) => m.recipeId === "emailpassword");
  if (passwords.length > 1) return skipped("SEVERAL_PASSWORDS: a Gatehouse user has at most one email+password login");
  const password = passwords[0];
  const thirdParty = methods.filter((m) => m.recipeId === "thirdparty");
  for (const m of thirdParty)
    if (!m.thirdPartyId || !m.thirdPartyUserId)
      return { status: "INVALID", reason: "loginMethods: a thirdparty method needs thirdPartyId and thirdPartyUserId" };

  // The user's email: the password login's, else the primary method's, else the first one given.
  const primary = password ?? methods.find((m) => m.isPrimary && m.email) ?? methods.find((m) => m.email);
  const email = primary?.email ? normaliseEmail(primary.email) : null;
  if (email !== null && validateEmail(email)) return { status: "INVALID", reason: `email: ${email} is not an email address` };
  for (const m of thirdParty)
    if (m.email && validateEmail(m.email)) return { status: "INVALID", reason: `email: ${m.email} is not an email address` };

  let passwordHash: string | null = null;
  if (password) {
    if (!email) return { status: "INVALID", reason: "loginMethods: an emailpassword method needs an email" };
    if (password.passwordHash) {
      const hash = importHash(
        { passwordHash: password.passwordHash, hashingAlgorithm: password.hashingAlgorithm, passwordSalt: password.passwordSalt },
        options.firebase,
      );
      if (hash.status !== "OK") return skipped(`UNKNOWN_HASH_FORMAT: ${hash.reason}`);
      passwordHash = hash.storedHash;
    } else if (password.plainTextPassword) {
      passwordHash = await hashPassword(password.plainTextPassword);
    } else return { status: "INVALID", reason: "loginMethods: an emailpassword method needs passwordHash or plainTextPassword" };
  }

  const roles = [...new Set((line.userRoles ?? []).map((r) => (typeof r === "string" ? r : r.role)))];
  const badRole = roles.find((r) => !isValidRoleName(r));
  if (badRole !== undefined) return { status: "INVALID", reason: `userRoles: ${JSON.stringify(badRole)} is not a role name` };
  const joined = methods.map((m) => m.timeJoined).filter((t): t is number => t !== undefined);
  const firstIdentity = thirdParty[0];
  const externalId = line.externalUserId ?? email ?? `${firstIdentity?.thirdPartyId}:${firstIdentity?.thirdPartyUserId}`;
  return {
    status: "OK",
    record: {
      id: line.externalUserId && KEEPABLE_ID.test(line.externalUserId) ? line.externalUserId : randomUUID(),
      source: options.source,
      externalId,
      email,
      emailVerified: primary?.isVerified ?? false,
      timeJoined: joined.length ? new Date(Math.min(...joined)) : options.now,
      passwordHash,
      thirdPartyAccounts: thirdParty.map((m) => ({
        thirdPartyId: m.thirdPartyId!,
        thirdPartyUserId: m.thirdPartyUserId!,
        email: m.email ? normaliseEmail(m.email) : (email ?? ""),
      })),
      roles,
      metadata: line.userMetadata ?? {},
    },
  };
}
