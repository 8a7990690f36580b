/**
 * The `lucia` source: a Lucia (v3) app's user table, which the app defines itself: an `id`, an
 * email column and a password hash column (names from the options), and `email_verified` where
 * the app has Lucia's email-verification column. Sessions are not read: users sign in again.
 *
 * Hashes: bcrypt and argon2 (the Argon2id / Bcrypt classes of oslo and @node-rs) name themselves;
 * `s2:salt:key` is Lucia v2's scrypt; a two-part `salt:key` is Lucia v3 / oslo `Scrypt` (a
 * 32-character hex salt, r=16) or, with Lucia v1's 16-character salt, v1's scrypt (r=8) that
 * `LegacyScrypt` still verifies.
 *
 * OAuth: Lucia keeps a provider's user id in a column of the app's own (`github_id`, …), so the
 * app names them (`providerColumns`: column → the Gatehouse provider id). A user with such an
 * id gets that third-party identity, and signs in through the provider as before. An app that
 * signs in only through providers may have no email or password column: both are then read
 * where they exist.
 */
import type { ImportLine } from "../../auth/import/import-line";
import type { ImportInputLine } from "../../auth/import/import-users";
import type { HashingAlgorithm } from "../../auth/imported-hashes/import-hash";
import { asBoolean, openForeignDatabase, type ForeignDatabase } from "./foreign-database";
import { countRows, readTable } from "./read-table";
import type { ImportSource } from "./source";

export interface LuciaOptions {
  /** The user table. @default "user" */
  usersTable?: string;
  /** The column holding the password hash. @default "hashed_password" */
  passwordColumn?: string;
  /** The column holding the email. @default "email" */
  emailColumn?: string;
  /** Columns holding a provider's user id, each with the Gatehouse provider id it belongs to (`{ github_id: "github" }`). @default {} */
  providerColumns?: Record<string, string>;
}

/** Lucia v1 salted with `generateRandomString(16)`; v3 and oslo with 16 random bytes as hex. */
const LUCIA_V1_SALT_LENGTH = 16;

/** The import format's name for a Lucia hash's algorithm; undefined for those that name themselves. */
export function luciaHashingAlgorithm(hash: string): HashingAlgorithm | undefined {
  if (hash.startsWith("$")) return undefined;
  const parts = hash.split(":");
  return parts.length === 2 && parts[0].length === LUCIA_V1_SALT_LENGTH ? "lucia-v1-scrypt" : "scrypt";
}

/** A column's value as text; "" for none. */
const text = (value: unknown) => (value === null || value === undefined ? "" : String(value));

export function luciaSource(url: string, options: LuciaOptions = {}): ImportSource {
  const table = options.usersTable ?? "user";
  const passwordColumn = options.passwordColumn ?? "hashed_password";
  const emailColumn = options.emailColumn ?? "email";
  const providerColumns = Object.entries(options.providerColumns ?? {});
  // With provider columns, a user may have no password, and an app no password or email column.
  const mayLackCredentials = providerColumns.length > 0;
  let db: Promise<ForeignDatabase> | undefined;
  const open = () => (db ??= openForeignDatabase(url));
  return {
    async count() {
      return countRows(await open(), { source: "lucia", table });
    },
    async *lines(): AsyncGenerator<ImportInputLine> {
      const d = await open();
      const users = await readTable(d, {
        source: "lucia",
        table,
        columns: ["id", ...(mayLackCredentials ? [] : [emailColumn, passwordColumn]), ...providerColumns.map(([column]) => column)],
        optional: ["email_verified", ...(mayLackCredentials ? [emailColumn, passwordColumn] : [])],
        orderBy: "id",
      });
      let number = 0;
      for (const user of users) {
        number++;
        const id = String(user.id);
        const email = text(user[emailColumn]);
        const hash = text(user[passwordColumn]);
        const isVerified = asBoolean(user.email_verified);
        const methods: ImportLine["loginMethods"] = [];
        if (email && hash)
          methods.push({ recipeId: "emailpassword", email, isVerified, passwordHash: hash, hashingAlgorithm: luciaHashingAlgorithm(hash) });
        for (const [column, thirdPartyId] of providerColumns) {
          const thirdPartyUserId = text(user[column]);
          if (thirdPartyUserId) methods.push({ recipeId: "thirdparty", thirdPartyId, thirdPartyUserId, isVerified, ...(email ? { email } : {}) });
        }
        if (methods.length === 0) {
          const missing = email ? passwordColumn : emailColumn;
          const ways = [missing, ...providerColumns.map(([column]) => column)].join(" or ");
          yield { line: number, parseError: `Lucia user ${id}${email ? ` (${email})` : ""}: no ${ways} to sign in with` };
          continue;
        }
        yield { line: number, value: { externalUserId: id, loginMethods: methods } satisfies ImportLine };
      }
    },
    async close() {
      if (db) await (await db).close();
    },
  };
}
