/**
 * The AuditStore contract, run against every database (prisma-audit-store.db.test.ts) and the memory
 * store (memory-audit-store.test.ts). Tests share a database, so each uses its own users and
 * its own years: the purge test's events are older than everyone else's.
 */
import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { newAuditEventId } from "../auth/audit/audit-recorder";
import type { AuditEventRow } from "../auth/ports/audit-store";
import type { Stores } from "../auth/ports";

export function runAuditStoreContract(name: string, makeStores: () => Stores | Promise<Stores>): void {
  describe(`audit store contract: ${name}`, () => {
    let stores: Stores;
    beforeAll(async () => {
      stores = await makeStores();
    });

    const event = (time: Date, patch: Partial<AuditEventRow> = {}): AuditEventRow => ({
      id: newAuditEventId(time),
      time,
      type: "auth.signin",
      userId: null,
      ip: null,
      userAgent: null,
      detail: {},
      ...patch,
    });
    const ids = (rows: AuditEventRow[]) => rows.map((r) => r.id);

    it("stores every column as given and lists one user's events newest first", async () => {
      const [ada, bob] = [randomUUID(), randomUUID()];
      const first = event(new Date("2031-02-03T04:05:06.007Z"), {
        type: "auth.signin_failed",
        userId: ada,
        ip: "2001:db8::1",
        userAgent: "Mozilla/5.0 (X11; Linux x86_64) ünïcode",
        detail: { method: "emailpassword", reason: "WRONG_PASSWORD", count: 3, requestId: "req-1" },
      });
      const second = event(new Date("2031-02-03T04:05:07.000Z"), { userId: ada, type: "auth.signin" });
      const other = event(new Date("2031-02-03T04:05:06.500Z"), { userId: bob, type: "session.revoked" });
      for (const row of [first, other, second]) await stores.audit.insertEvent(row);

      expect(await stores.audit.listEvents({ userId: ada, limit: 10 })).toEqual([second, first]);
      expect(await stores.audit.listEvents({ userId: bob, limit: 10 })).toEqual([other]);
      expect(await stores.audit.listEvents({ userId: randomUUID(), limit: 10 })).toEqual([]);
      expect(await stores.audit.listEvents({ userId: ada, limit: 1 })).toEqual([second]);
    });

    it("walks pages by (time, id) newest first: ties in one millisecond keep their id order, nothing repeats or goes missing", async () => {
      const user = randomUUID();
      const base = new Date("2033-06-07T08:09:10.000Z").getTime();
      const rows: AuditEventRow[] = [];
      // Three events per millisecond over four milliseconds, inserted out of order.
      for (let ms = 0; ms < 4; ms++)
        for (let k = 0; k < 3; k++) rows.push(event(new Date(base + ms), { userId: user, detail: { count: ms * 3 + k } }));
      for (const row of [...rows].reverse()) await stores.audit.insertEvent(row);
      const expected = [...rows].sort((a, b) => b.time.getTime() - a.time.getTime() || (a.id < b.id ? 1 : -1));

      const walked: AuditEventRow[] = [];
      let before: { time: Date; id: string } | undefined;
      for (let page = 0; page < 10; page++) {
        const rowsOfPage = await stores.audit.listEvents({ userId: user, limit: 5, before });
        walked.push(...rowsOfPage);
        if (rowsOfPage.length < 5) break;
        const last = rowsOfPage[rowsOfPage.length - 1];
        before = { time: last.time, id: last.id };
      }
      expect(ids(walked)).toEqual(ids(expected));
      // Ids made in one process sort in the order they were made.
      expect(walked.map((r) => r.detail.count)).toEqual([11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);

      // Without a user filter the same cursor works over everyone's events.
      const cursor = expected[4];
      const all = await stores.audit.listEvents({ limit: 3, before: { time: cursor.time, id: cursor.id } });
      expect(ids(all)).toEqual(ids(expected.slice(5, 8)));
      // A cursor just past this test's newest event starts the walk there.
      const top = await stores.audit.listEvents({ limit: 2, before: { time: new Date(base + 4), id: "" } });
      expect(ids(top)).toEqual(ids(expected.slice(0, 2)));
    });

    it("purges the events before a cutoff, and only those", async () => {
      const user = randomUUID();
      const cutoff = new Date("2002-01-01T00:00:00.000Z");
      const old1 = event(new Date("2001-03-04T05:06:07.000Z"), { userId: user });
      const old2 = event(new Date(cutoff.getTime() - 1), { userId: null, type: "role.deleted", detail: { role: "gone" } });
      const atCutoff = event(cutoff, { userId: user });
      const recent = event(new Date("2002-06-01T00:00:00.000Z"), { userId: user });
      for (const row of [old1, old2, atCutoff, recent]) await stores.audit.insertEvent(row);

      expect(await stores.audit.deleteEventsBefore(cutoff)).toBe(2);
      expect(await stores.audit.deleteEventsBefore(cutoff)).toBe(0);
      expect(ids(await stores.audit.listEvents({ userId: user, limit: 10 }))).toEqual([recent.id, atCutoff.id]);
      const aroundCutoff = await stores.audit.listEvents({ limit: 10, before: { time: new Date(cutoff.getTime() + 1), id: "" } });
      expect(ids(aroundCutoff)).toEqual([atCutoff.id]);
    });

    it("refuses a second event with the same id", async () => {
      const row = event(new Date("2035-01-01T00:00:00.000Z"), { userId: randomUUID() });
      await stores.audit.insertEvent(row);
      await expect(stores.audit.insertEvent({ ...row, type: "auth.signup" })).rejects.toThrow();
      expect(await stores.audit.listEvents({ userId: row.userId!, limit: 10 })).toEqual([row]);
    });
  });
}
