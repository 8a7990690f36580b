import type { Command } from "commander";
import type { EngineContext } from "../auth/context";
import type { TenantLoginMethods } from "../auth/ports/organization-store";
import {
  adminDeleteOrganization,
  adminRemoveMember,
  getOrganizationWithMembers,
  listOrganizationsPage,
  MAX_ORGANIZATION_PAGE_SIZE,
  redactLoginMethods,
  requiredSecondaryFactorsEnforced,
  setTenantLoginMethods,
} from "../auth/organizations/tenant-admin";
import { CliError, cliEngine, print, printTable } from "./context";

/**
 * After a tenant's login methods: that its required second factors are enforced by nothing, as
 * MFA is off in the configuration (set while it was on; `doctor` warns too). Empty otherwise.
 */
const notEnforcedNote = (ctx: EngineContext, loginMethods: TenantLoginMethods | null) =>
  requiredSecondaryFactorsEnforced(ctx.config, loginMethods) === false
    ? " (required second factors not enforced: MFA is off in the configuration)"
    : "";

/** organizations list, show, set-login-methods, remove-member, delete: the operator's view of organizations (tenants). */
export function registerOrganizationCommands(program: Command): void {
  const o = program.command("organizations").description("organizations (tenants): list, members, login methods, member removal, delete");

  o.command("list")
    .description("every organization, ordered by slug")
    .option("--json", "one JSON object per line")
    .action(async (options) => {
      const ctx = cliEngine();
      const rows: string[][] = [];
      let afterId: string | undefined;
      do {
        const page = await listOrganizationsPage(ctx, { limit: MAX_ORGANIZATION_PAGE_SIZE, afterId });
        for (const org of page.organizations) {
          if (options.json) {
            // As the admin API answers: the field is there when the tenant requires a second factor.
            const enforced = requiredSecondaryFactorsEnforced(ctx.config, org.loginMethods);
            print(
              JSON.stringify({
                ...org,
                loginMethods: redactLoginMethods(org.loginMethods),
                ...(enforced !== undefined && { requiredSecondaryFactorsEnforced: enforced }),
                createdAt: org.createdAt.getTime(),
              }),
            );
          } else
            rows.push([
              org.id,
              org.name,
              org.createdAt.toISOString(),
              org.loginMethods ? JSON.stringify(redactLoginMethods(org.loginMethods)) + notEnforcedNote(ctx, org.loginMethods) : "as public",
            ]);
        }
        afterId = page.nextAfterId;
      } while (afterId);
      if (!options.json) printTable(["slug", "name", "created", "login methods"], rows);
    });

  o.command("show <slug>")
    .description("one organization and its members")
    .action(async (slug: string) => {
      const ctx = cliEngine();
      const found = await getOrganizationWithMembers(ctx, slug);
      if (found.status !== "OK") throw new CliError(`no organization ${slug}`);
      const { id, name, loginMethods } = found.organization;
      print(
        `${id}  ${name}  login methods: ${loginMethods ? JSON.stringify(redactLoginMethods(loginMethods)) : "as public"}${notEnforcedNote(ctx, loginMethods)}`,
      );
      printTable(
        ["user", "role", "joined"],
        found.members.map((m) => [m.userId, m.role, m.joinedAt.toISOString()]),
      );
    });

  o.command("set-login-methods <slug> <json>")
    .description(
      'a tenant\'s login methods, e.g. \'{"signUpOpen":true,"allowedEmailDomains":["example.com"]}\', or null for "as public" (a provider with the tenant\'s own client needs GATEHOUSE_SECRET)',
    )
    .action(async (slug: string, text: string) => {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        throw new CliError("<json> is not JSON");
      }
      if (value !== null && (typeof value !== "object" || Array.isArray(value))) throw new CliError("<json> must be an object or null");
      const loginMethods = value as TenantLoginMethods | null;
      // A tenant's own client secret is sealed with a key from the app's secret: sealed with the
      // throwaway one the CLI runs on without it, it would open nowhere (CLIENT_SECRET_UNREADABLE).
      const sealsSecrets = Array.isArray(loginMethods?.thirdPartyProviders) && loginMethods.thirdPartyProviders.some((p) => typeof p === "object");
      const result = await setTenantLoginMethods(cliEngine({ needsSecret: sealsSecrets }), { organizationId: slug, loginMethods });
      if (result.status === "UNKNOWN_ORGANIZATION") throw new CliError(`no organization ${slug}`);
      if (result.status !== "OK") throw new CliError(result.message);
      print(`set the login methods of ${slug}`);
    });

  o.command("remove-member <slug> <userId>")
    .description("remove a member (not the owner); their sessions inside the organization end")
    .action(async (slug: string, userId: string) => {
      const result = await adminRemoveMember(cliEngine(), { organizationId: slug, memberId: userId });
      if (result.status === "UNKNOWN_ORGANIZATION") throw new CliError(`no organization ${slug}`);
      if (result.status === "NOT_A_MEMBER") throw new CliError(`${userId} is not a member of ${slug}`);
      if (result.status === "MEMBER_IS_OWNER") throw new CliError(`${userId} owns ${slug}: transfer the ownership first`);
      print(`removed ${userId} from ${slug}; ${result.revokedSessionCount} session(s) inside it revoked`);
    });

  o.command("delete <slug>")
    .description("delete an organization with its memberships and invitations (the users stay)")
    .requiredOption("--confirm <slug>", "the slug again")
    .action(async (slug: string, options) => {
      if (options.confirm !== slug) throw new CliError("--confirm must repeat the slug");
      const result = await adminDeleteOrganization(cliEngine(), { organizationId: slug });
      if (result.status !== "OK") throw new CliError(`no organization ${slug}`);
      print(`deleted ${slug}`);
    });
}
