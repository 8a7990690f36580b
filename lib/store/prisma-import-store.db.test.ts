/** The ImportStore contract on SQLite, PostgreSQL and MariaDB, each a fresh database dropped afterwards; plus what only a database can refuse. */
import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { createPrismaStores } from "./index";
import { record, runImportStoreContract } from "./import-store.contract";
import { describeOnEachDatabase } from "./testing/each-database";

describeOnEachDatabase((provider, url) => {
  runImportStoreContract(provider, () => createPrismaStores(url()));

  it("a row the database refuses in the middle of a batch fails alone; the batch's other rows are imported", async () => {
    const stores = createPrismaStores(url());
    const source = `s-${randomUUID().slice(0, 8)}`;
    const before = record(source);
    // The engine never sends a role twice; the database's primary key on (user, role) refuses it.
    const broken = record(source, { roles: [`r-${source}`, `r-${source}`] });
    const after = record(source);
    const outcomes = await stores.imports.importUsers([before, broken, after], { dryRun: false, now: new Date() });
    expect(outcomes[0]).toEqual({ status: "CREATED", userId: before.id });
    expect(outcomes[1]).toBeInstanceOf(Error);
    expect(outcomes[2]).toEqual({ status: "CREATED", userId: after.id });
    expect(await stores.users.getUserById(broken.id)).toBeNull();
    expect(await stores.users.getUserById(after.id)).not.toBeNull();
  });
});
