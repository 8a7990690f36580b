/**
 * `import authjs` reads the time a user joined as the instant Auth.js stored, whatever the time
 * zone of the machine running the import: Prisma writes a DateTime without a zone (PostgreSQL's
 * TIMESTAMP(3), MySQL's DATETIME(3)) as UTC, and SQLite's own clock writes UTC too. Run here with
 * the process in Asia/Kolkata (+05:30), where reading them in the machine's zone moved every
 * user five and a half hours into the past.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, TEST_PROVIDERS, type TestDatabase } from "../../../scripts/test-db.mjs";
import type { ImportLine } from "../../auth/import/import-line";
import { rawQuery } from "../../store/testing/raw-query.mjs";
import { authjsSource } from "./authjs";
import { AUTHJS_TABLES } from "./testing/authjs-schema";

const JOINED = Date.UTC(2024, 4, 6, 7, 8, 9, 120);

for (const provider of TEST_PROVIDERS) {
  describe(`import from Auth.js on ${provider}, the importing machine at +05:30`, () => {
    let source: TestDatabase;
    const zone = process.env.TZ;
    beforeAll(async () => {
      process.env.TZ = "Asia/Kolkata";
      source = await createTestDatabase(provider, { migrate: false });
      for (const statement of AUTHJS_TABLES[provider]) await rawQuery(source.url, statement);
    });
    afterAll(async () => {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
      await source.drop();
    });

    it("keeps createdAt as the instant stored (UTC, without a zone)", async () => {
      // The process's zone has taken effect: the test would prove nothing in UTC.
      expect(new Date(JOINED).getTimezoneOffset()).toBe(-330);
      const q = provider === "mysql" ? (n: string) => `\`${n}\`` : (n: string) => `"${n}"`;
      // SQLite's older adapter schema has no createdAt; an app's own (or CURRENT_TIMESTAMP's) text is zone-less UTC.
      if (provider === "sqlite") await rawQuery(source.url, `ALTER TABLE "User" ADD COLUMN "createdAt" DATETIME`);
      const extra = provider === "sqlite" ? [] : [[q("updatedAt"), "'2024-05-06 07:08:09.120'"]];
      const columns = [q("id"), q("email"), q("password"), q("createdAt"), ...extra.map(([c]) => c)];
      const values = [
        "'u1'",
        "'ana@example.com'",
        "'$2b$04$abcdefghijklmnopqrstuuAbCdEfGhIjKlMnOpQrStUvWxYz01234'",
        "'2024-05-06 07:08:09.120'",
        ...extra.map(([, v]) => v),
      ];
      await rawQuery(source.url, `INSERT INTO ${q("User")} (${columns.join(", ")}) VALUES (${values.join(", ")})`);

      const reader = authjsSource(source.url, { passwordColumn: "password" });
      const lines = [];
      try {
        for await (const line of reader.lines()) lines.push(line);
      } finally {
        await reader.close();
      }
      expect(lines).toHaveLength(1);
      const record = (lines[0] as { value: ImportLine }).value;
      expect(record.loginMethods.map((m) => m.timeJoined && new Date(m.timeJoined).toISOString())).toEqual([new Date(JOINED).toISOString()]);
    });
  });
}
