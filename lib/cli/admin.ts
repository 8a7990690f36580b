import type { Command } from "commander";
import { createApiKey, listApiKeys, revokeApiKey } from "../auth/apikeys/api-keys";
import { resetSigningKeys, rotateSigningKeys } from "../auth/session/session-info";
import * as roles from "../auth/userroles/roles";
import { migrate } from "../../scripts/db-migrate.mjs";
import { cliIo } from "./cli-io";
import { CliError, cliEngine, findUser, isoOrDash, print, printTable, progress } from "./context";

function checkedName(name: string): string {
  if (!roles.isValidRoleName(name)) throw new CliError(`"${name}" is not a valid role or permission name`);
  return name;
}

/** roles …, keys rotate / reset, apikeys …, db migrate. */
export function registerAdminCommands(program: Command): void {
  const r = program.command("roles").description("roles, their permissions, and who holds them");
  r.command("list")
    .description("every role with its permissions")
    .action(async () => {
      const ctx = cliEngine();
      const all = await roles.getAllRoles(ctx);
      const rows = await Promise.all(all.map(async (role) => [role, ((await ctx.stores.roles.getPermissionsForRole(role)) ?? []).join(", ") || "-"]));
      printTable(["role", "permissions"], rows);
    });
  r.command("create <role> [permissions...]")
    .description("create a role, or add permissions to it")
    .action(async (role: string, permissions: string[]) => {
      const result = await roles.createNewRoleOrAddPermissions(cliEngine(), checkedName(role), permissions.map(checkedName));
      print(result.createdNewRole ? `created ${role}` : `${role} exists; permissions added`);
    });
  r.command("delete <role>")
    .description("delete a role; every user loses it")
    .action(async (role: string) => {
      const result = await roles.deleteRole(cliEngine(), checkedName(role));
      if (!result.didRoleExist) throw new CliError(`no role ${role}`);
      print(`deleted ${role}`);
    });
  r.command("grant <user> <role>")
    .description("give a user (id or email) a role")
    .action(async (ref: string, role: string) => {
      const ctx = cliEngine();
      const user = await findUser(ctx, ref);
      const result = await roles.addRoleToUser(ctx, user.id, checkedName(role));
      if (result.status === "UNKNOWN_USER_ERROR") throw new CliError(`${ref}: no such user (deleted meanwhile)`);
      if (result.status !== "OK") throw new CliError(`no role ${role} (create it first: roles create ${role})`);
      print(result.didUserAlreadyHaveRole ? `${ref} already had ${role}` : `granted ${role} to ${ref}`);
    });
  r.command("remove <user> <role>")
    .description("take a role from a user (id or email)")
    .action(async (ref: string, role: string) => {
      const ctx = cliEngine();
      const result = await roles.removeUserRole(ctx, (await findUser(ctx, ref)).id, checkedName(role));
      if (result.status !== "OK") throw new CliError(`no role ${role}`);
      print(result.didUserHaveRole ? `removed ${role} from ${ref}` : `${ref} did not have ${role}`);
    });

  const keys = program.command("keys").description("access-token signing keys");
  keys
    .command("rotate")
    .description("start a new signing key now (needs GATEHOUSE_SECRET)")
    .option("--retire-old", "stop the old keys verifying: every access token is refreshed, nobody is signed out")
    .action(async (o) => {
      const result = await rotateSigningKeys(cliEngine({ needsSecret: true }), { retireOldKeys: Boolean(o.retireOld) });
      print(`new signing key ${result.kid}${result.retired.length ? `; retired ${result.retired.join(", ")}` : ""}`);
      progress("running instances pick the new key up within a minute");
    });
  keys
    .command("reset")
    .description("after changing GATEHOUSE_SECRET: remove every signing key and start a new one under the current secret")
    .option("--yes", "confirm: every access token stops verifying")
    .action(async (o) => {
      if (!o.yes) throw new CliError("every access token stops verifying: add --yes");
      const result = await resetSigningKeys(cliEngine({ needsSecret: true }));
      print(`removed ${result.removed} signing key(s); new signing key ${result.kid}`);
      progress("start every instance with this GATEHOUSE_SECRET");
    });

  const k = program.command("apikeys").description("keys for the admin API (Authorization: Bearer gh_…)");
  k.command("create <name>")
    .description("make a key; it is printed once and cannot be shown again")
    .option("--expires-in-days <days>", "the key stops working after this many days")
    .action(async (name: string, o) => {
      const ctx = cliEngine();
      let expiresAt: Date | undefined;
      if (o.expiresInDays !== undefined) {
        const days = Number(o.expiresInDays);
        if (!(days > 0) || !Number.isFinite(days)) throw new CliError("--expires-in-days: a positive number", 2);
        expiresAt = new Date(ctx.now().getTime() + days * 86_400_000);
      }
      const result = await createApiKey(ctx, { name, expiresAt });
      if (result.status === "INVALID_NAME_ERROR") throw new CliError("the name must be 1-255 printable characters");
      if (result.status !== "OK") throw new CliError("the expiry must be in the future, and before the year 10000");
      progress(
        `API key ${result.apiKey.id} "${name}"${expiresAt ? `, expires ${expiresAt.toISOString()}` : ""}. Store it now: it is not shown again.`,
      );
      print(result.key);
    });
  k.command("list")
    .description("every key with its state (never the key itself)")
    .option("--json", "one JSON object per line")
    .action(async (o) => {
      const ctx = cliEngine();
      const keys = await listApiKeys(ctx);
      if (o.json) return keys.forEach((key) => print(JSON.stringify(key)));
      const now = ctx.now().getTime();
      const state = (key: (typeof keys)[number]) =>
        key.revokedAt ? "revoked" : key.expiresAt && key.expiresAt.getTime() <= now ? "expired" : "active";
      printTable(
        ["id", "name", "state", "created", "last used", "expires"],
        keys.map((key) => [key.id, key.name, state(key), isoOrDash(key.createdAt), isoOrDash(key.lastUsedAt), isoOrDash(key.expiresAt)]),
      );
    });
  k.command("revoke <id>")
    .description("stop a key at once")
    .action(async (id: string) => {
      if (!(await revokeApiKey(cliEngine(), id)).didKeyExist) throw new CliError(`no active key ${id}`);
      print(`revoked ${id}`);
    });

  program
    .command("db")
    .description("the database")
    .command("migrate")
    .description("apply pending migrations to DATABASE_URL (as npm run db:migrate)")
    .action(async () => {
      const { applied } = await migrate(cliIo().env.DATABASE_URL, { log: progress });
      print(applied.length ? `applied ${applied.length} migration(s)` : "up to date");
    });
}
