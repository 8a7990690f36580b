/**
 * The `authjs` source: the tables of Auth.js's (NextAuth's) Prisma adapter, `User` and `Account`
 * with their camelCase columns, on PostgreSQL, MySQL or SQLite.
 *
 * - A user keeps its id, email, verified state (`emailVerified` is a date: set means verified),
 *   and `name` and `image` as metadata. `createdAt` is the time joined where the schema has it
 *   (the adapter's later schemas); without it the user joins at the import.
 * - `oauth` and `oidc` accounts are third-party identities (`provider`, `providerAccountId`).
 *   `email` accounts (magic links) and `webauthn` ones are not identities; a `credentials` row
 *   carries no secret (Auth.js keeps none).
 * - Auth.js stores no password. Apps with a credentials provider keep a hash in a column of their
 *   own on the user table: `passwordColumn` names it (bcrypt and argon2, recognised by prefix).
 */
import type { ImportLine } from "../../auth/import/import-line";
import type { ImportInputLine } from "../../auth/import/import-users";
import { asMillis, openForeignDatabase, type ForeignDatabase, type Row } from "./foreign-database";
import { countRows, readTable } from "./read-table";
import type { ImportSource } from "./source";

type Method = ImportLine["loginMethods"][number];

export interface AuthjsOptions {
  /** The user table. @default "User" */
  usersTable?: string;
  /** The account table. @default "Account" */
  accountsTable?: string;
  /** The user table's column holding a credentials password hash; none by default (no passwords). */
  passwordColumn?: string;
}

/** Account types that are a sign-in at another party, with the user's id there. */
const IDENTITY_TYPES = new Set(["oauth", "oidc"]);

export function authjsSource(url: string, options: AuthjsOptions = {}): ImportSource {
  const usersTable = options.usersTable ?? "User";
  const accountsTable = options.accountsTable ?? "Account";
  const passwordColumn = options.passwordColumn;
  let db: Promise<ForeignDatabase> | undefined;
  // Prisma writes a DateTime without a zone as UTC (PostgreSQL's TIMESTAMP(3), MySQL's DATETIME(3)).
  const open = () => (db ??= openForeignDatabase(url, { zonelessTimestamps: "utc" }));
  return {
    async count() {
      return countRows(await open(), { source: "authjs", table: usersTable });
    },
    async *lines(): AsyncGenerator<ImportInputLine> {
      const d = await open();
      const accounts = new Map<string, Row[]>();
      for (const a of await readTable(d, { source: "authjs", table: accountsTable, columns: ["userId", "type", "provider", "providerAccountId"] }))
        accounts.set(String(a.userId), [...(accounts.get(String(a.userId)) ?? []), a]);
      const users = await readTable(d, {
        source: "authjs",
        table: usersTable,
        columns: ["id", "email", "emailVerified", ...(passwordColumn ? [passwordColumn] : [])],
        // In the adapter's schema, but nothing Auth.js needs: an app may have dropped them.
        optional: ["name", "image", "createdAt"],
        orderBy: "id",
      });
      let number = 0;
      for (const user of users) {
        number++;
        const id = String(user.id);
        const email = text(user.email);
        const common = {
          email,
          isVerified: user.emailVerified !== null && user.emailVerified !== undefined,
          timeJoined: asMillis(user.createdAt, "utc"),
        };
        const methods: Method[] = [];
        const hash = passwordColumn ? text(user[passwordColumn]) : undefined;
        if (hash) methods.push({ ...common, recipeId: "emailpassword", passwordHash: hash });
        const own = accounts.get(id) ?? [];
        for (const a of own.filter((a) => IDENTITY_TYPES.has(String(a.type))))
          methods.push({ ...common, recipeId: "thirdparty", thirdPartyId: String(a.provider), thirdPartyUserId: String(a.providerAccountId) });
        if (methods.length === 0) {
          // Signed in with email links only: reported as a passwordless login, which the import does not carry (yet).
          if (email && own.some((a) => a.type === "email")) methods.push({ ...common, recipeId: "passwordless" });
          else {
            const why = passwordColumn ? `no password in ${passwordColumn}` : "no password (--password-column names its column)";
            yield { line: number, parseError: `Auth.js user ${id}${email ? ` (${email})` : ""}: ${why} and no OAuth account to sign in with` };
            continue;
          }
        }
        const metadata = Object.fromEntries(
          [
            ["name", text(user.name)],
            ["image", text(user.image)],
          ].filter(([, v]) => v !== undefined),
        );
        yield { line: number, value: { externalUserId: id, userMetadata: metadata, loginMethods: methods } satisfies ImportLine };
      }
    },
    async close() {
      if (db) await (await db).close();
    },
  };
}

/** A text column's value, or undefined for NULL and the empty string. */
const text = (v: unknown): string | undefined => (v === null || v === undefined || v === "" ? undefined : String(v));
