/**
 * One export imported twice at the same moment (two `gatehouse import` runs of one file), on
 * each database, through two clients of their own: no user is created twice. Each run gives a
 * record whose source id is no Gatehouse id a new UUID of its own, so only the database's unique
 * indexes (users.email, imported_users (source, external_id), third_party_accounts' identity)
 * can tell that two runs write one user; a batch that meets the other's rows rolls back and is
 * tried again record by record, each then found imported.
 */
import { randomUUID } from "node:crypto";
import { afterAll, expect, it } from "vitest";
import type { ImportUserRecord } from "../auth/ports/import-store";
import { createPrismaStoresOn, openPrismaClient, type GatehousePrismaClient } from ".";
import { providerOf } from "./database-url.mjs";
import { record } from "./import-store.contract";
import { describeOnEachDatabase } from "./testing/each-database";

describeOnEachDatabase((provider, url) => {
  const opened: GatehousePrismaClient[] = [];
  afterAll(async () => {
    await Promise.all(opened.map((client) => client.$disconnect()));
  });

  it(`${provider}: two runs of one export at once create each user once`, async () => {
    const clients = await Promise.all([openPrismaClient(url()), openPrismaClient(url())]);
    opened.push(...clients);
    const [one, two] = clients.map((client) => createPrismaStoresOn(() => Promise.resolve(client), providerOf(url())));
    const source = `twice-${randomUUID().slice(0, 8)}`;
    const file = Array.from({ length: 30 }, (_, i) =>
      record(source, {
        email: i % 3 === 0 ? null : `twice-${i}-${source}@example.com`,
        passwordHash: i % 3 === 0 ? null : record(source).passwordHash,
        thirdPartyAccounts:
          i % 3 === 1 ? [] : [{ thirdPartyId: "github", thirdPartyUserId: `${source}-${i}`, email: `gh-${i}-${source}@example.com` }],
      }),
    );
    // Each run's own ids, as the CLI gives ids that are not the source's.
    const run = (stores: typeof one) =>
      stores.imports.importUsers(
        file.map((r): ImportUserRecord => ({ ...r, id: randomUUID() })),
        { dryRun: false, now: new Date() },
      );
    const [first, second] = await Promise.all([run(one), run(two)]);

    const imported = await Promise.all(file.map((r) => one.imports.findByExternalId(r.externalId)));
    expect(imported.map((rows) => rows.length)).toEqual(file.map(() => 1));
    const userIds = imported.map((rows) => rows[0].userId);
    expect(new Set(userIds).size).toBe(file.length);
    for (const id of userIds) expect(await one.users.getUserById(id)).not.toBeNull();
    // Each record came out of each run as created, or as found already there, or (a run that
    // lost a race) as an error to run again: never a second user.
    expect([...first, ...second].filter((o) => !(o instanceof Error) && o.status === "CREATED").length).toBeLessThanOrEqual(file.length);
  });
});
