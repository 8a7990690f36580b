/**
 * The `lucia` source: a Lucia (v3) app's user table, which the app defines itself: an `id`, an
 * email column and a password hash column (names from the options), and `email_verified` where
 * the app has Lucia's email-verification column. Sessions are not read: users sign in again.
 *
 * Hashes: bcrypt and argon2 (the Argon2id / Bcrypt classes of oslo and @node-rs) name themselves;
 * `s2:salt:key` is Lucia v2's scrypt; a two-part `salt:key` is Lucia v3 / oslo `Scrypt` (a
 * 32-character hex salt, r=16) or, with Lucia v1's 16-character salt, v1's scrypt (r=8) that
 * `LegacyScrypt` still verifies.
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
}

/** Lucia v1 salted with `generateRandomString(16)`; v3 and oslo with 16 random bytes as hex. */
const LUCIA_V1_SALT_LENGTH = 16;

/** The import format's name for a Lucia hash's algorithm; undefined for those that name themselves. */
export function luciaHashingAlgorithm(hash: string): HashingAlgorithm | undefined {
  if (hash.startsWith("$")) return undefined;
  const parts = hash.split(":");
  return parts.length === 2 && parts[0].length === LUCIA_V1_SALT_LENGTH ? "lucia-v1-scrypt" : "scrypt";
}

export function luciaSource(url: string, options: LuciaOptions = {}): ImportSource {
  const table = options.usersTable ?? "user";
  const passwordColumn = options.passwordColumn ?? "hashed_password";
  const emailColumn = options.emailColumn ?? "email";
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
        columns: ["id", emailColumn, passwordColumn],
        optional: ["email_verified"],
        orderBy: "id",
      });
      let number = 0;
      for (const user of users) {
        number++;
        const id = String(user.id);
        const email = user[emailColumn] === null || user[emailColumn] === undefined ? "" : String(user[emailColumn]);
        const hash = user[passwordColumn] === null || user[passwordColumn] === undefined ? "" : String(user[passwordColumn]);
        if (!email || !hash) {
          yield {
            line: number,
            parseError: `Lucia user ${id}${email ? ` (${email})` : ""}: no ${email ? passwordColumn : emailColumn} to sign in with`,
          };
          continue;
        }
        const method: ImportLine["loginMethods"][number] = {
          recipeId: "emailpassword",
          email,
          isVerified: asBoolean(user.email_verified),
          passwordHash: hash,
          hashingAlgorithm: luciaHashingAlgorithm(hash),
        };
        yield { line: number, value: { externalUserId: id, loginMethods: [method] } satisfies ImportLine };
      }
    },
    async close() {
      if (db) await (await db).close();
    },
  };
}
