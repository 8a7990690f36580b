/**
 * The `better-auth` source: better-auth's `user` and `account` tables (its default names and
 * camelCase columns) on PostgreSQL, MySQL or SQLite. The `credential` account holds the password
 * hash (better-auth's scrypt `salt:key` by default; a bcrypt or argon2 hash from a custom
 * `password.hash` is recognised by its prefix); every other account is a third-party identity
 * (providerId, accountId). The admin plugin's `role` column, when there is one, gives roles.
 */
import type { ImportLine } from "../../auth/import/import-line";
import type { ImportInputLine } from "../../auth/import/import-users";
import { asBoolean, asMillis, openForeignDatabase, type ForeignDatabase, type Row } from "./foreign-database";
import type { ImportSource } from "./source";

type Method = ImportLine["loginMethods"][number];

export function betterAuthSource(url: string): ImportSource {
  let db: Promise<ForeignDatabase> | undefined;
  const open = () => (db ??= openForeignDatabase(url));
  const users = async (): Promise<Row[]> => {
    const d = await open();
    const q = d.quote;
    const columns = [q("id"), q("email"), q("emailVerified"), q("createdAt")].join(", ");
    try {
      return await d.query(`SELECT ${columns}, ${q("role")} FROM ${q("user")} ORDER BY ${q("id")}`);
    } catch {
      // No admin plugin: no role column.
      return d.query(`SELECT ${columns} FROM ${q("user")} ORDER BY ${q("id")}`);
    }
  };
  return {
    async count() {
      const d = await open();
      return Number((await d.query(`SELECT COUNT(*) AS n FROM ${d.quote("user")}`))[0].n);
    },
    async *lines(): AsyncGenerator<ImportInputLine> {
      const d = await open();
      const q = d.quote;
      const accounts = new Map<string, Row[]>();
      for (const a of await d.query(
        `SELECT ${q("userId")}, ${q("providerId")}, ${q("accountId")}, ${q("password")}, ${q("createdAt")} FROM ${q("account")}`,
      ))
        accounts.set(String(a.userId), [...(accounts.get(String(a.userId)) ?? []), a]);
      let number = 0;
      for (const user of await users()) {
        number++;
        const email = String(user.email);
        const verified = asBoolean(user.emailVerified);
        const timeJoined = asMillis(user.createdAt);
        const methods: Method[] = (accounts.get(String(user.id)) ?? []).map((a): Method => {
          if (a.providerId === "credential") {
            const hash = a.password === null || a.password === undefined ? "" : String(a.password);
            return {
              recipeId: "emailpassword",
              email,
              isVerified: verified,
              timeJoined,
              passwordHash: hash,
              hashingAlgorithm: hash.startsWith("$") ? undefined : "scrypt",
            };
          }
          return {
            recipeId: "thirdparty",
            email,
            isVerified: verified,
            timeJoined,
            thirdPartyId: String(a.providerId),
            thirdPartyUserId: String(a.accountId),
          };
        });
        if (methods.length === 0) {
          yield { line: number, parseError: `better-auth user ${String(user.id)} (${email}): no account row to sign in with` };
          continue;
        }
        const roles = typeof user.role === "string" && user.role ? user.role.split(",").map((r) => r.trim()) : [];
        yield { line: number, value: { externalUserId: String(user.id), userRoles: roles, loginMethods: methods } satisfies ImportLine };
      }
    },
    async close() {
      if (db) await (await db).close();
    },
  };
}
