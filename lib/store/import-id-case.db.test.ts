/**
 * An imported user whose kept id differs only in case from a user's already there ("AbC1" and
 * "abc1", as mixed-case ids such as better-auth's can). SQLite and PostgreSQL hold both; MariaDB's
 * users.id compares ignoring case and cannot. There the import failed that user with the driver's
 * "Duplicate entry … for key 'PRIMARY'" (a raw error in the report), where an id taken exactly is
 * the CONFLICT USER_ID_TAKEN naming the user who holds it; now it is that conflict too.
 */
import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { createPrismaStores } from ".";
import { record } from "./import-store.contract";
import { describeOnEachDatabase } from "./testing/each-database";

const NOW = new Date("2031-05-06T07:08:09.123Z");

describeOnEachDatabase((provider, url) => {
  it(`${provider}: a kept id another user holds in another case is imported where the database can hold both, else USER_ID_TAKEN`, async () => {
    const stores = createPrismaStores(url());
    const run = (records: ReturnType<typeof record>[]) => stores.imports.importUsers(records, { dryRun: false, now: NOW });
    const held = `AbC${randomUUID().slice(0, 8)}`;
    expect(await run([record("first", { id: held })])).toEqual([{ status: "CREATED", userId: held }]);
    const other = record("second", { id: held.toLowerCase() });
    const fine = record("second");
    const outcomes = await run([other, fine]);
    if (provider === "mysql") {
      expect(outcomes).toEqual([
        { status: "CONFLICT", reason: "USER_ID_TAKEN", otherUserId: held },
        { status: "CREATED", userId: fine.id },
      ]);
      expect(await stores.users.findEmailPasswordAccountByEmail(other.email!)).toBeNull();
    } else {
      expect(outcomes).toEqual([
        { status: "CREATED", userId: other.id },
        { status: "CREATED", userId: fine.id },
      ]);
    }
    // The user already there is as it was.
    expect((await stores.users.getUserById(held))?.id).toBe(held);
  });
});

describeOnEachDatabase((provider, url) => {
  it(`${provider}: a re-run's batch holding a stored id and another user's id in another case creates that user where the database can hold both`, async () => {
    const stores = createPrismaStores(url());
    const run = (records: ReturnType<typeof record>[]) => stores.imports.importUsers(records, { dryRun: false, now: NOW });
    const held = `AbC${randomUUID().slice(0, 8)}`;
    const first = record("first", { id: held });
    expect(await run([first])).toEqual([{ status: "CREATED", userId: held }]);
    // The same source again: "first" is known (UPDATED), and beside it comes a user whose id
    // differs from it in case alone.
    const other = record("second", { id: held.toLowerCase() });
    const outcomes = await run([first, other]);
    expect(outcomes[0]).toEqual({ status: "UPDATED", userId: held });
    expect(outcomes[1]).toEqual(
      provider === "mysql" ? { status: "CONFLICT", reason: "USER_ID_TAKEN", otherUserId: held } : { status: "CREATED", userId: other.id },
    );
  });
});
