/**
 * The refresh of a session inside an organization, counted on every database as
 * round-trips.db.test.ts counts a public one's: the organization's checks at refresh (still
 * there, created no later than the session, taking its sign-in: organizations/tenant-session.ts)
 * read the organization in the same statement as the membership `gh-org` is minted from, so a
 * tenant session pays one statement beyond a public one's, the one it always paid for `gh-org`.
 * A tenant with `allowedEmailDomains` pays the same: the member's email comes in that statement.
 */
import { afterAll, beforeAll, expect, it } from "vitest";
import { createOrganization } from "../auth/organizations/organizations";
import { setTenantLoginMethods } from "../auth/organizations/tenant-admin";
import { decodeFrontToken } from "../auth/session/front-token";
import { createTestEngine } from "../auth/testing/test-engine";
import { createPrismaStoresOn } from "../store";
import type { GatehousePrismaClient } from "../store/prisma-client";
import { providerOf } from "../store/database-url.mjs";
import { describeOnEachDatabase } from "../store/testing/each-database";
import { isNotCounted, openQueryLoggingClient, type LoggedQuery } from "../store/testing/query-logging-client";
import { createAuthClient, credentials } from "./testing/client";

const PASSWORD = "correct horse battery staple 42";

describeOnEachDatabase((provider, url) => {
  let client: GatehousePrismaClient;
  let queries: LoggedQuery[];
  beforeAll(async () => {
    ({ client, queries } = await openQueryLoggingClient(url()));
  });
  afterAll(async () => {
    await client?.$disconnect();
  });

  for (const domains of [false, true]) {
    const title = domains ? ", where the tenant admits some email domains only" : "";
    it(`${provider}: a tenant session's refresh costs at most 2 statements (3 on MariaDB), its organization read once${title}`, async () => {
      await expectTenantRefreshCost(domains);
    });
  }

  async function expectTenantRefreshCost(domains: boolean) {
    const { ctx } = createTestEngine({}, { stores: createPrismaStoresOn(() => Promise.resolve(client), providerOf(url())) });
    const browser = createAuthClient(ctx);
    const email = `tenant-round-trips-${provider}-${domains ? "domains" : "any"}@example.com`;
    const up = await browser.send("POST", "/api/auth/signup", { body: credentials(email, PASSWORD) });
    const userId = ((await up.json()) as { user: { id: string } }).user.id;
    const slug = `rt-${provider}-${domains ? "d" : "a"}-${Date.now().toString(36)}`;
    expect(await createOrganization(ctx, { userId, slug, name: "Round trips" })).toMatchObject({ status: "OK" });
    if (domains) {
      const loginMethods = { allowedEmailDomains: ["example.com"] };
      expect(await setTenantLoginMethods(ctx, { organizationId: slug, loginMethods })).toEqual({ status: "OK" });
    }
    const signIn = await browser.send("POST", `/api/auth/${slug}/signin`, { body: credentials(email, PASSWORD) });
    expect(decodeFrontToken(signIn.headers.get("front-token")!).up.tId).toBe(slug);

    queries.length = 0;
    const refresh = await browser.send("POST", "/api/auth/session/refresh");
    expect(refresh.status).toBe(200);
    expect(decodeFrontToken(refresh.headers.get("front-token")!).up["gh-org"]).toMatchObject({ v: { id: slug, role: "owner" } });
    const statements = queries.map((q) => q.sql).filter((sql) => !isNotCounted(sql));
    expect(statements.length, statements.join("\n")).toBeLessThanOrEqual(provider === "mysql" ? 3 : 2);
    expect(
      statements.filter((sql) => /\borganizations\b/.test(sql)),
      statements.join("\n"),
    ).toHaveLength(1);
  }
});
