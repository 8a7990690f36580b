/**
 * The `supertokens` source: a SuperTokens core database (PostgreSQL or MySQL), its public app
 * and public tenant, read table by table into lines of the import format. Table and column names
 * are those the core creates (supertokens-postgresql-plugin / -mysql-plugin, same in both).
 *
 * - A user is a primary user with its linked recipe users (all_auth_recipe_users), or a recipe
 *   user alone; each recipe user becomes a login method.
 * - Roles, metadata and verified emails are keyed by the user's external id when the core maps
 *   one (userid_mapping), as the core itself keys them; that id is kept as the Gatehouse id.
 * - Roles come with their permissions (roles(), created before the users).
 */
import type { ImportLine } from "../../auth/import/import-line";
import type { ImportInputLine } from "../../auth/import/import-users";
import { asNumber, openForeignDatabase, type Row } from "./foreign-database";
import type { ImportSource, RoleWithPermissions } from "./source";

const PUBLIC = "public";

type Method = ImportLine["loginMethods"][number];

export function superTokensSource(url: string): ImportSource {
  let db: ReturnType<typeof openForeignDatabase> | undefined;
  const select = async (sql: string, params: unknown[] = []) => (await (db ??= openForeignDatabase(url))).query(sql, params);
  let users: Promise<Map<string, Row[]>> | undefined;
  // Recipe users of the public tenant, grouped under their primary (or themselves).
  const loadUsers = () =>
    (users ??= select(
      "SELECT user_id, primary_or_recipe_user_id, recipe_id, time_joined FROM all_auth_recipe_users WHERE app_id = ? AND tenant_id = ? ORDER BY primary_or_recipe_user_id, time_joined, user_id",
      [PUBLIC, PUBLIC],
    ).then((rows) => {
      const grouped = new Map<string, Row[]>();
      for (const row of rows) {
        const primary = String(row.primary_or_recipe_user_id);
        grouped.set(primary, [...(grouped.get(primary) ?? []), row]);
      }
      return grouped;
    }));

  return {
    async count() {
      return (await loadUsers()).size;
    },
    async roles(): Promise<RoleWithPermissions[]> {
      const roles = await select("SELECT role FROM roles WHERE app_id = ? ORDER BY role", [PUBLIC]);
      const permissions = await select("SELECT role, permission FROM role_permissions WHERE app_id = ?", [PUBLIC]);
      return roles.map((r) => ({ role: String(r.role), permissions: permissions.filter((p) => p.role === r.role).map((p) => String(p.permission)) }));
    },
    async *lines(): AsyncGenerator<ImportInputLine> {
      const grouped = await loadUsers();
      const byUser = (rows: Row[]) => new Map(rows.map((r) => [String(r.user_id), r]));
      const passwords = byUser(await select("SELECT user_id, email, password_hash, time_joined FROM emailpassword_users WHERE app_id = ?", [PUBLIC]));
      const identities = byUser(
        await select("SELECT user_id, third_party_id, third_party_user_id, email, time_joined FROM thirdparty_users WHERE app_id = ?", [PUBLIC]),
      );
      const passwordless = byUser(
        await select("SELECT user_id, email, phone_number, time_joined FROM passwordless_users WHERE app_id = ?", [PUBLIC]).catch(() => []),
      );
      const external = new Map(
        (await select("SELECT supertokens_user_id, external_user_id FROM userid_mapping WHERE app_id = ?", [PUBLIC])).map((r) => [
          String(r.supertokens_user_id),
          String(r.external_user_id),
        ]),
      );
      const verified = new Set(
        (await select("SELECT user_id, email FROM emailverification_verified_emails WHERE app_id = ?", [PUBLIC])).map(
          (r) => `${r.user_id}\u0000${r.email}`,
        ),
      );
      const roles = new Map<string, string[]>();
      for (const r of await select("SELECT user_id, role FROM user_roles WHERE app_id = ? AND tenant_id = ?", [PUBLIC, PUBLIC]))
        roles.set(String(r.user_id), [...(roles.get(String(r.user_id)) ?? []), String(r.role)]);
      const metadata = new Map(
        (await select("SELECT user_id, user_metadata FROM user_metadata WHERE app_id = ?", [PUBLIC])).map((r) => [
          String(r.user_id),
          String(r.user_metadata),
        ]),
      );

      let number = 0;
      for (const [primary, recipeUsers] of grouped) {
        number++;
        const id = external.get(primary) ?? primary;
        const isVerified = (userId: string, email: unknown) => verified.has(`${external.get(userId) ?? userId}\u0000${email}`);
        const methods: Method[] = [];
        let missing: string | undefined;
        for (const recipeUser of recipeUsers) {
          const userId = String(recipeUser.user_id);
          const common = { tenantIds: [PUBLIC], isPrimary: userId === primary, timeJoined: asNumber(recipeUser.time_joined) };
          const ep = passwords.get(userId);
          const tp = identities.get(userId);
          const pl = passwordless.get(userId);
          if (recipeUser.recipe_id === "emailpassword" && ep)
            methods.push({
              ...common,
              recipeId: "emailpassword",
              email: String(ep.email),
              passwordHash: String(ep.password_hash),
              isVerified: isVerified(userId, ep.email),
            });
          else if (recipeUser.recipe_id === "thirdparty" && tp)
            methods.push({
              ...common,
              recipeId: "thirdparty",
              thirdPartyId: String(tp.third_party_id),
              thirdPartyUserId: String(tp.third_party_user_id),
              email: String(tp.email),
              isVerified: isVerified(userId, tp.email),
            });
          else if (recipeUser.recipe_id === "passwordless")
            methods.push({
              ...common,
              recipeId: "passwordless",
              email: pl?.email ? String(pl.email) : undefined,
              phoneNumber: pl?.phone_number ? String(pl.phone_number) : undefined,
            });
          else missing = `SuperTokens user ${userId}: recipe ${String(recipeUser.recipe_id)} without its row`;
        }
        if (missing) {
          yield { line: number, parseError: missing };
          continue;
        }
        let userMetadata: Record<string, unknown> | undefined;
        try {
          userMetadata = metadata.has(id) ? (JSON.parse(metadata.get(id)!) as Record<string, unknown>) : undefined;
        } catch {
          yield { line: number, parseError: `SuperTokens user ${primary}: user_metadata is not JSON` };
          continue;
        }
        if (methods.length === 0) continue;
        yield {
          line: number,
          value: { externalUserId: id, userMetadata, userRoles: roles.get(id) ?? [], loginMethods: methods } satisfies ImportLine,
        };
      }
    },
    async close() {
      if (db) await (await db).close();
    },
  };
}
