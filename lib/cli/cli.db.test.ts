/**
 * The CLI's commands against temporary SQLite databases: output, exit codes, and the effect on the
 * database as the app's engine sees it. They run in this process (testing/run-cli.ts). `db migrate`,
 * `doctor`, the environment the CLI reads and the real process: cli-setup.db.test.ts.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { runCli } from "./testing/run-cli";
import { sqliteForCli } from "./testing/cli-database";
import { signIn } from "../auth/emailpassword/sign-in";
import { createNewSession, getSession } from "../auth/session/session";
import { openTenantClientSecret } from "../auth/thirdparty/tenant-client-secret";
import { createTestEngine } from "../auth/testing/test-engine";
import { handleAuthRequest } from "../http/routes";
import { createPrismaStores } from "../store";

const cli = runCli;

describe("gatehouse CLI on SQLite", () => {
  const database = sqliteForCli();
  const run = (args: string[], input?: string) => cli(args, { env: database.env, input });
  // The real clock, as the CLI has: sessions made here must be live for it.
  const engine = () =>
    createTestEngine({}, { stores: createPrismaStores(database.db.url), clock: { now: () => new Date(), advanceSeconds() {} } }).ctx;

  it("users: create (password from stdin), list, show, set-password, delete; exit codes", async () => {
    const created = await run(["users", "create", "Ops@Example.com", "--password-stdin"], "first-Password1\n");
    expect(created).toMatchObject({ code: 0, stderr: "" });
    const id = created.stdout.trim();
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect((await run(["users", "create", "weak@example.com", "--password-stdin"], "short\n")).stderr).toMatch(/^error: password: /);
    // A taken email is a clear refusal: Prisma's unique-violation error is recognised under jiti too.
    const duplicate = await run(["users", "create", "ops@example.com", "--password-stdin"], "third-Password3\n");
    expect(duplicate.code).not.toBe(0);
    expect(duplicate.stderr).toMatch(/^error: .*already/i);

    const listed = await run(["users", "list", "--json", "--email", "OPS@"]);
    expect(listed.code).toBe(0);
    expect(JSON.parse(listed.stdout)).toMatchObject({ id, email: "ops@example.com", loginMethods: [{ recipeId: "emailpassword" }] });
    expect((await run(["users", "show", "ops@example.com"])).stdout).toContain(id);

    expect((await run(["users", "set-password", id, "--password-stdin"], "second-Password2\n")).code).toBe(0);
    const ctx = engine();
    expect((await signIn(ctx, { email: "ops@example.com", password: "first-Password1", formFields: {} })).status).toBe("WRONG_CREDENTIALS_ERROR");
    expect((await signIn(ctx, { email: "ops@example.com", password: "second-Password2", formFields: {} })).status).toBe("OK");
    const sessions = await run(["sessions", "list", "ops@example.com", "--json"]);
    const [session] = sessions.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(session.sessionHandle).toMatch(/^[0-9a-f-]{36}$/);
    expect((await run(["sessions", "revoke", session.sessionHandle])).code).toBe(0);
    expect(await ctx.stores.sessions.getSession(session.sessionHandle)).toBeNull();

    const refused = await run(["users", "delete", id]);
    expect(refused).toMatchObject({ code: 1, stderr: "error: deleting cannot be undone: add --yes\n" });
    expect((await run(["users", "delete", id, "--yes"])).code).toBe(0);
    expect(await ctx.stores.users.getUserById(id)).toBeNull();
    expect(await run(["users", "delete", id, "--yes"])).toMatchObject({ code: 1, stderr: `error: no user ${id}\n` });
    expect((await run(["users", "frobnicate"])).code).toBe(2);
  });

  it("a user named by email is found by the address itself, however many older addresses begin with it", async () => {
    const ctx = engine();
    const target = `ceo-${randomUUID().slice(0, 6)}@corp.example`;
    for (let i = 0; i < 11; i++) {
      const older = { id: randomUUID(), email: `${target}.x${i}`, passwordHash: "h", timeJoined: new Date(Date.UTC(2020, 0, 1, 0, 0, i)) };
      await ctx.stores.users.createEmailPasswordUser(older);
    }
    const id = randomUUID();
    await ctx.stores.users.createEmailPasswordUser({ id, email: target, passwordHash: "h", timeJoined: new Date(Date.UTC(2021, 0, 1)) });
    expect(await run(["users", "show", target.toUpperCase()])).toMatchObject({ code: 0, stdout: expect.stringContaining(id) });
  });

  it("a user whose id holds an @ (kept from an import) is found by it; a ref that is one user's id and another's email is refused", async () => {
    const ctx = engine();
    const tag = randomUUID().slice(0, 6);
    const kept = { id: `old-${tag}@legacy.example`, email: `kept-${tag}@example.com`, passwordHash: "h", timeJoined: new Date() };
    await ctx.stores.users.createEmailPasswordUser(kept);
    expect(await run(["users", "show", kept.id])).toMatchObject({ code: 0, stdout: expect.stringContaining(kept.email) });

    // An old system used addresses as ids: this user's id is another user's email.
    const byId = { id: `bob-${tag}@example.com`, email: `renamed-${tag}@example.com`, passwordHash: "h", timeJoined: new Date() };
    const byEmail = { id: randomUUID(), email: byId.id, passwordHash: "h", timeJoined: new Date() };
    await ctx.stores.users.createEmailPasswordUser(byId);
    await ctx.stores.users.createEmailPasswordUser(byEmail);
    const refused = await run(["users", "delete", byId.id, "--yes"]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain(`names two users: the email of ${byEmail.id} and the id of ${byId.id}`);
    expect(await ctx.stores.users.getUserById(byId.id)).not.toBeNull();
    expect(await ctx.stores.users.getUserById(byEmail.id)).not.toBeNull();
  });

  it("users list --all walks every page and reports progress on stderr", async () => {
    const ctx = engine();
    const tag = `bulk${randomUUID().slice(0, 6)}`;
    for (let i = 0; i < 120; i++) {
      await ctx.stores.users.createEmailPasswordUser({
        id: randomUUID(),
        email: `${tag}-${i}@example.com`,
        passwordHash: "h",
        timeJoined: new Date(Date.UTC(2030, 0, 1, 0, 0, i)),
      });
    }
    const all = await run(["users", "list", "--all", "--limit", "50", "--oldest", "--email", tag]);
    expect(all.code).toBe(0);
    const emails = all.stdout
      .trim()
      .split("\n")
      .slice(1)
      .map((line) => line.split(/\s+/)[1]);
    expect(emails).toEqual(Array.from({ length: 120 }, (_, i) => `${tag}-${i}@example.com`));
    expect(all.stderr.trim().split("\n")).toEqual(["50 of 120 users", "100 of 120 users", "120 of 120 users"]);
  });

  it("roles, API keys (shown once, usable, revocable) and key rotation", async () => {
    const ctx = engine();
    await ctx.stores.users.createEmailPasswordUser({ id: randomUUID(), email: "role-holder@example.com", passwordHash: "h", timeJoined: new Date() });
    expect((await run(["roles", "create", "support", "tickets:read"])).stdout).toBe("created support\n");
    expect((await run(["roles", "grant", "role-holder@example.com", "support"])).code).toBe(0);
    expect((await run(["roles", "grant", "role-holder@example.com", "nope"])).code).toBe(1);
    expect((await run(["users", "show", "role-holder@example.com"])).stdout).toContain("roles: support");

    expect(await run(["apikeys", "create", "deploy bot", "--expires-in-days", "never"])).toMatchObject({ code: 2, stdout: "" });
    const created = await run(["apikeys", "create", "deploy bot", "--expires-in-days", "30"]);
    expect(created.code).toBe(0);
    const key = created.stdout.trim();
    expect(key).toMatch(/^gh_[A-Za-z0-9_-]{43}$/);
    expect(created.stderr).toContain("not shown again");
    const call = () =>
      handleAuthRequest(ctx, new Request("http://localhost:3000/api/auth/admin/users/count", { headers: { authorization: `Bearer ${key}` } }));
    expect((await call()).status).toBe(200);
    const id = /API key (\S+)/.exec(created.stderr)![1];
    expect((await run(["apikeys", "revoke", id])).code).toBe(0);
    expect((await call()).status).toBe(401);
    const listed = await run(["apikeys", "list"]);
    // Its state and last use, never the key.
    expect(listed.stdout).toMatch(new RegExp(`${id}\\s+deploy bot\\s+revoked\\s+\\S+\\s+20\\d\\d-`));
    expect(listed.stdout).not.toContain(key.slice(3));

    expect(await cli(["keys", "rotate"], { env: { DATABASE_URL: database.db.url } })).toMatchObject({
      code: 1,
      stderr: expect.stringContaining("GATEHOUSE_SECRET is not set"),
    });
    const rotated = await run(["keys", "rotate"]);
    expect(rotated).toMatchObject({ code: 0, stdout: expect.stringMatching(/^new signing key \S+/) });
  });

  it("keys reset: after a change of GATEHOUSE_SECRET, the one way back to signing without waiting out the old keys", async () => {
    const before = engine();
    const user = randomUUID();
    await before.stores.users.createEmailPasswordUser({ id: user, email: "keys-reset@example.com", passwordHash: "h", timeJoined: new Date() });
    const old = await createNewSession(before, { userId: user });
    const changed = { ...database.env, GATEHOUSE_SECRET: "a-new-app-secret-".repeat(4) };
    // The old secret's keys are refused under the new one, and rotating cannot start past them.
    expect(await cli(["keys", "rotate"], { env: changed })).toMatchObject({ code: 1, stderr: expect.stringContaining("GATEHOUSE_SECRET") });
    // The doctor says so, rather than "No problems found" for an app that cannot sign.
    expect(await cli(["doctor"], { env: changed })).toMatchObject({
      code: 1,
      stdout: expect.stringMatching(/FAIL {2}keys {7}none of the \d+ signing key\(s\) passes .* run `keys reset --yes`/),
    });
    expect(await cli(["keys", "reset"], { env: changed })).toMatchObject({
      code: 1,
      stderr: "error: every access token stops verifying: add --yes\n",
    });
    expect(await cli(["keys", "reset", "--yes"], { env: changed })).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^removed [1-9]\d* signing key\(s\); new signing key \S+/),
    });
    const after = createTestEngine(
      {},
      { stores: createPrismaStores(database.db.url), secret: changed.GATEHOUSE_SECRET, clock: { now: () => new Date(), advanceSeconds() {} } },
    ).ctx;
    expect((await cli(["doctor"], { env: changed })).stdout).toMatch(/ok {4}keys {7}1 verifying under this secret/);
    const fresh = await createNewSession(after, { userId: user });
    expect((await getSession(after, { accessToken: fresh.accessToken })).status).toBe("OK");
    expect((await getSession(after, { accessToken: old.accessToken })).status).not.toBe("OK");
  });

  it("organizations set-login-methods seals a tenant's client secret with the app's secret, and refuses without it", async () => {
    const ctx = engine();
    const owner = randomUUID();
    await ctx.stores.users.createEmailPasswordUser({ id: owner, email: "sso-owner@example.com", passwordHash: "h", timeJoined: new Date() });
    await ctx.stores.organizations.createOrganization({
      organization: { id: "sso-org", name: "SSO Org", loginMethods: null, createdAt: new Date() },
      ownerUserId: owner,
    });
    const methods = JSON.stringify({ thirdPartyProviders: [{ id: "corp", clientId: "sso-client", clientSecret: "sso-secret-123" }] });
    // Without GATEHOUSE_SECRET the CLI's keys are a throwaway's: a secret sealed with them opens nowhere.
    expect(await cli(["organizations", "set-login-methods", "sso-org", methods], { env: { DATABASE_URL: database.db.url } })).toMatchObject({
      code: 1,
      stderr: expect.stringContaining("GATEHOUSE_SECRET is not set"),
    });
    expect((await ctx.stores.organizations.getOrganization("sso-org"))?.loginMethods).toBeNull();
    // Login methods without a client of the tenant's own seal nothing, and need no secret.
    expect(
      (await cli(["organizations", "set-login-methods", "sso-org", '{"signUpOpen":true}'], { env: { DATABASE_URL: database.db.url } })).code,
    ).toBe(0);

    expect((await run(["organizations", "set-login-methods", "sso-org", methods])).code).toBe(0);
    const stored = (await ctx.stores.organizations.getOrganization("sso-org"))?.loginMethods?.thirdPartyProviders?.[0];
    if (typeof stored !== "object" || stored === undefined) throw new Error("no client stored");
    expect(await openTenantClientSecret(ctx.keys, stored.clientSecret, { organizationId: "sso-org", providerId: "corp" })).toBe("sso-secret-123");
  });

  it("organizations: list, show with members, set a tenant's login methods, remove a member, delete only with the slug repeated", async () => {
    const ctx = engine();
    const owner = randomUUID();
    await ctx.stores.users.createEmailPasswordUser({ id: owner, email: "org-owner@example.com", passwordHash: "h", timeJoined: new Date() });
    await ctx.stores.organizations.createOrganization({
      organization: { id: "cli-org", name: "CLI Org", loginMethods: null, createdAt: new Date() },
      ownerUserId: owner,
    });
    expect((await run(["organizations", "list"])).stdout).toMatch(/cli-org\s+CLI Org\s+\S+\s+as public/);
    const shown = (await run(["organizations", "show", "cli-org"])).stdout;
    expect(shown).toMatch(new RegExp(`${owner}\\s+owner`));
    expect(shown).toContain("cli-org  CLI Org  login methods: as public");
    expect(await run(["organizations", "set-login-methods", "cli-org", '{"firstFactors":["sms"]}'])).toMatchObject({ code: 1 });
    expect((await run(["organizations", "set-login-methods", "cli-org", '{"signUpOpen":true}'])).code).toBe(0);
    expect((await ctx.stores.organizations.getOrganization("cli-org"))?.loginMethods).toEqual({ signUpOpen: true });

    const member = randomUUID();
    await ctx.stores.users.createEmailPasswordUser({ id: member, email: "org-member@example.com", passwordHash: "h", timeJoined: new Date() });
    await ctx.stores.organizations.addMember({ organizationId: "cli-org", userId: member, role: "member", joinedAt: new Date() });
    expect(await run(["organizations", "remove-member", "cli-org", owner])).toMatchObject({ code: 1, stderr: expect.stringContaining("transfer") });
    expect(await run(["organizations", "remove-member", "cli-org", member])).toMatchObject({
      code: 0,
      stdout: `removed ${member} from cli-org; 0 session(s) inside it revoked\n`,
    });
    expect(await ctx.stores.organizations.getMembership("cli-org", member)).toBeNull();
    expect(await ctx.stores.organizations.getMembership("cli-org", owner)).toMatchObject({ role: "owner" });
    expect(await run(["organizations", "remove-member", "cli-org", member])).toMatchObject({
      code: 1,
      stderr: expect.stringContaining("not a member"),
    });
    const removal = (await run(["audit", "list", "--json", "--limit", "500"])).stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l))
      .find((e) => e.type === "organization.member_removed" && e.detail.memberId === member);
    expect(removal).toMatchObject({ userId: null, detail: { organizationId: "cli-org", reason: "ADMIN" } });

    expect(await run(["organizations", "delete", "cli-org", "--confirm", "cli"])).toMatchObject({ code: 1 });
    expect(await run(["organizations", "delete", "cli-org", "--confirm", "cli-org"])).toMatchObject({ code: 0, stdout: "deleted cli-org\n" });
    expect(await ctx.stores.organizations.getOrganization("cli-org")).toBeNull();
  });

  it("audit: a command's events are stored before it exits; list one user's or everyone's; purge by retention", async () => {
    const ctx = engine();
    const id = randomUUID();
    await ctx.stores.users.createEmailPasswordUser({ id, email: "audited@example.com", passwordHash: "h", timeJoined: new Date() });
    expect((await run(["roles", "create", "auditor"])).code).toBe(0);
    expect((await run(["roles", "grant", "audited@example.com", "auditor"])).code).toBe(0);
    const mine = async () =>
      (await run(["audit", "list", "audited@example.com", "--json"])).stdout
        .trim()
        .split("\n")
        .filter(Boolean)
        .map((l) => JSON.parse(l));
    // Outside a request there is no IP or user agent; the row says the CLI acted, not the app's own code.
    expect(await mine()).toEqual([
      expect.objectContaining({ type: "role.granted", userId: id, ip: null, userAgent: null, detail: { role: "auditor", actor: "cli" } }),
    ]);
    const all = (await run(["audit", "list", "--json", "--limit", "500"])).stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(all).toContainEqual(expect.objectContaining({ type: "role.created", userId: null, detail: { role: "auditor", count: 0, actor: "cli" } }));
    expect((await run(["audit", "list", id])).stdout).toMatch(/role\.granted/);

    await ctx.stores.audit.insertEvent({
      id: `old-${randomUUID()}`,
      time: new Date(Date.now() - 91 * 86_400_000),
      type: "auth.signin",
      userId: id,
      ip: null,
      userAgent: null,
      detail: {},
    });
    expect(await mine()).toHaveLength(2);
    const purged = await run(["audit", "purge"]);
    expect(purged).toMatchObject({ code: 0, stdout: expect.stringMatching(/^1 event\(s\) before \S+ deleted\n$/) });
    expect((await mine()).map((e) => e.type)).toEqual(["role.granted"]);
    expect((await run(["audit", "purge", "--older-than-days", "soon"])).code).toBe(2);
    // Before the year 1000 (no database holds it), or past what a date can be: refused, nothing deleted.
    for (const days of ["3000000", "100000000000"]) {
      expect(await run(["audit", "purge", "--older-than-days", days]), days).toMatchObject({
        code: 2,
        stderr: expect.stringMatching(/^error: --older-than-days: a whole number from 0 to \d+ \(back to the year 1000\)\n$/),
      });
    }
    expect((await mine()).map((e) => e.type)).toEqual(["role.granted"]);
    // Bad usage, as docs/admin.md has it: exit 2. "1e2" is refused too (Number() read it as 100).
    for (const limit of ["0", "1e2"]) expect(await run(["audit", "list", "--limit", limit]), limit).toMatchObject({ code: 2, stdout: "" });
    expect((await run(["audit", "list", "--page", "not-a-token!"])).stderr).toMatch(/^error: --page/);
  });
});
