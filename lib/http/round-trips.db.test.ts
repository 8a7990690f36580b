/**
 * Round trips on the two hottest writes (issue 20), counted on every database: the statements
 * Prisma sends while `POST /session/refresh` and `POST /signin` are answered, audit rows
 * included (the test awaits them, as the route does before answering). These tests fail when a
 * round trip is added; the numbers are the targets, not today's accident:
 * - refresh: one compare-and-swap that returns what the new token needs, and one read of the
 *   claims (email verified, roles, permissions) — at most 2; on PostgreSQL and SQLite the two are
 *   one statement (PostgreSQL: the UPDATE's RETURNING joined to the claims; SQLite: subqueries in
 *   the RETURNING), and only MariaDB, which has no UPDATE … RETURNING, needs the read;
 * - sign-in: one read of the account with what the claims need, one write of the session with
 *   its audit row (one transaction) — at most 3, the transaction's BEGIN/COMMIT not counted. The
 *   read comes first and outside any transaction, so no transaction (nor the connection it holds)
 *   is open while the password is hashed: concurrent sign-ins never wait on one another's hash.
 * And the one read of a signed-in page's header (the example app shell): 1 statement.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { decodeFrontToken } from "../auth/session/front-token";
import { createTestEngine } from "../auth/testing/test-engine";
import { createPrismaStoresOn } from "../store";
import type { GatehousePrismaClient } from "../store/prisma-client";
import { providerOf } from "../store/database-url.mjs";
import { describeOnEachDatabase } from "../store/testing/each-database";
import { isAuditPurge, isExpiredRowsDeletion, isNotCounted, openQueryLoggingClient, type LoggedQuery } from "../store/testing/query-logging-client";
import { createAuthClient, credentials } from "./testing/client";

const PASSWORD = "correct horse battery staple 42";

/** A statement's kind and table, enough to read a request's order of work: "INSERT sessions", "BEGIN". */
function shapeOf(sql: string): string {
  if (/^\s*(BEGIN|START TRANSACTION)/i.test(sql)) return "BEGIN";
  if (/^\s*COMMIT/i.test(sql)) return "COMMIT";
  const table = /\b(?:FROM|INTO|UPDATE)\s+(?:\S+\.)?[`"]?(\w+)[`"]?/i.exec(sql)?.[1];
  return `${/^\s*(\w+)/.exec(sql)?.[1]?.toUpperCase()} ${table}`;
}

describeOnEachDatabase((provider, url) => {
  let client: GatehousePrismaClient;
  let queries: LoggedQuery[];
  beforeAll(async () => {
    ({ client, queries } = await openQueryLoggingClient(url()));
  });
  afterAll(async () => {
    await client?.$disconnect();
  });

  async function counted(run: () => Promise<Response>): Promise<{ response: Response; statements: string[]; shape: string[] }> {
    queries.length = 0;
    const response = await run();
    const statements = queries.map((q) => q.sql).filter((sql) => !isNotCounted(sql));
    const shape = queries
      .map((q) => q.sql)
      .filter((sql) => !isAuditPurge(sql) && !isExpiredRowsDeletion(sql) && !/^\s*--/.test(sql))
      .map(shapeOf);
    return { response, statements, shape };
  }

  function engine() {
    return createTestEngine({}, { stores: createPrismaStoresOn(() => Promise.resolve(client), providerOf(url())) });
  }

  it(`${provider}: a refresh costs 1 statement (2 on MariaDB), a sign-in at most 3, and the claims are the same`, async () => {
    const { ctx } = engine();
    const browser = createAuthClient(ctx);
    const email = `round-trips-${provider}@example.com`;
    const up = await browser.send("POST", "/api/auth/signup", { body: credentials(email, PASSWORD) });
    expect(up.status).toBe(200);
    const user = ((await up.json()) as { user: { id: string; timeJoined: number } }).user;
    // Two roles sharing a permission, and a verified email: every claim read by the joins has a value.
    await ctx.stores.roles.createRoleOrAddPermissions("editor", ["read", "write"]);
    await ctx.stores.roles.createRoleOrAddPermissions("Admin", ["read", "delete"]);
    await ctx.stores.roles.addRoleToUser(user.id, "editor");
    await ctx.stores.roles.addRoleToUser(user.id, "Admin");
    await ctx.stores.users.markEmailVerified(user.id, email);
    const expected = { "st-ev": true, "st-role": ["Admin", "editor"], "st-perm": ["delete", "read", "write"] };

    // The signing key was created and cached by the sign-up: what follows is the steady state.
    const signIn = await counted(() => browser.send("POST", "/api/auth/signin", { body: credentials(email, PASSWORD) }));
    expect(signIn.response.status).toBe(200);
    expect(((await signIn.response.json()) as { user: unknown }).user).toMatchObject({ id: user.id, timeJoined: user.timeJoined });
    expect(claimsOf(signIn.response)).toEqual(expected);

    const refresh = await counted(() => browser.send("POST", "/api/auth/session/refresh"));
    expect(refresh.response.status).toBe(200);
    expect(claimsOf(refresh.response)).toEqual(expected);

    expect(refresh.statements.length, refresh.statements.join("\n")).toBeLessThanOrEqual(provider === "mysql" ? 2 : 1);
    // PostgreSQL returns the swapped row into the claims' joins (UPDATE … RETURNING in a WITH),
    // SQLite with the claims from subqueries of its RETURNING: one statement either way.
    const refreshShape = { postgresql: ["WITH sessions"], mysql: ["UPDATE sessions", "SELECT sessions"] }[provider] ?? ["UPDATE sessions"];
    expect(refresh.shape, refresh.statements.join("\n")).toEqual(refreshShape);
    expect(signIn.statements.length, signIn.statements.join("\n")).toBeLessThanOrEqual(3);
    // The account read on its own (the hash follows it), then the session and its audit row
    // with one commit: one log flush where two autocommits waited for two. Prisma logs the
    // COMMIT of SQLite, and neither BEGIN nor MariaDB's transaction control; the store contract
    // checks that the two rows are written together or not at all.
    const written = ["SELECT email_password_accounts", "INSERT sessions", "INSERT audit_events"];
    // PostgreSQL writes both rows in one statement (INSERT … in a WITH): no transaction at all.
    const expectedShape = { mysql: written, postgresql: ["SELECT email_password_accounts", "WITH sessions"] }[provider] ?? [...written, "COMMIT"];
    expect(signIn.shape).toEqual(expectedShape);
  });

  it(`${provider}: the app shell's read of a signed-in user (email and organizations) is 1 statement`, async () => {
    const { ctx } = engine();
    const up = await createAuthClient(ctx).send("POST", "/api/auth/signup", { body: credentials(`shell-${provider}@example.com`, PASSWORD) });
    const userId = ((await up.json()) as { user: { id: string } }).user.id;
    const organization = { id: `shell-${provider}`, name: "Shell", loginMethods: null, createdAt: new Date() };
    expect(await ctx.stores.organizations.createOrganization({ organization, ownerUserId: userId })).toEqual({ status: "OK" });
    queries.length = 0;
    const found = await ctx.stores.organizations.getUserWithOrganizations(userId);
    expect(found?.organizations).toEqual([{ id: organization.id, name: "Shell" }]);
    expect(queries.map((q) => q.sql).filter((sql) => !isNotCounted(sql))).toHaveLength(1);
  });
});

/** The engine's claims (value only) as the front token carries them. */
function claimsOf(response: Response): Record<string, unknown> {
  const payload = decodeFrontToken(response.headers.get("front-token")!).up as Record<string, { v: unknown }>;
  return Object.fromEntries(["st-ev", "st-role", "st-perm"].map((key) => [key, payload[key]?.v]));
}
