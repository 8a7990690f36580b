/**
 * A pagination token is opaque, but an admin (or anyone holding a key) can forge one. One whose
 * time no database can hold (before year 1000 or after 9999, MySQL DATETIME's range, which every
 * real cursor is within) is no token from a previous page: 400, on every database. PostgreSQL
 * refused such a time in the query, and the answer was 503 "temporarily unavailable" with a
 * store failure in the log; the others answered a page that meant nothing.
 */
import { describe, expect, it } from "vitest";
import { createApiKey } from "../auth/apikeys/api-keys";
import { createTestEngine } from "../auth/testing/test-engine";
import { createPrismaStores } from "../store";
import { describeOnEachDatabase } from "../store/testing/each-database";
import { createAuthClient, credentials } from "./testing/client";

const token = (raw: string) => Buffer.from(raw, "utf8").toString("base64url");
const OUT_OF_RANGE = ["-999999999999999", "-62135596800001", "-30610224000001", "253402300800000", "999999999999999"];

describeOnEachDatabase((provider, url) => {
  describe(`forged pagination tokens (${provider})`, () => {
    it("a cursor time outside every database's dates, or an id with U+0000, is a bad token, for users, audit events and a role's users", async () => {
      const { ctx } = createTestEngine({}, { stores: createPrismaStores(url()) });
      const key = await createApiKey(ctx, { name: "ops" });
      if (key.status !== "OK") throw new Error("key");
      const client = createAuthClient(ctx);
      await client.send("POST", "/api/auth/signup", { body: credentials(`a-${crypto.randomUUID()}@example.com`, "fixture-pw-1") });
      const get = (path: string) => client.send("GET", `/api/auth${path}`, { headers: { authorization: `Bearer ${key.key}` } });

      for (const ms of OUT_OF_RANGE) {
        for (const path of [
          `/admin/users?order=newest&paginationToken=${token(`n|${ms}|x`)}`,
          `/admin/users?order=oldest&paginationToken=${token(`o|${ms}|x`)}`,
          `/admin/audit-events?paginationToken=${token(`a|${ms}|x`)}`,
        ]) {
          const response = await get(path);
          expect([ms, path.split("?")[0], response.status, (await response.json()).status]).toEqual([ms, path.split("?")[0], 400, "BAD_INPUT_ERROR"]);
        }
      }
      // An id holding U+0000, which no stored id does (PostgreSQL cannot even compare with one: a
      // 503 and a store failure in the log), is no cursor either; nor for the users of a role.
      await client.send("PUT", "/api/auth/admin/roles/ops", { body: { permissions: [] }, headers: { authorization: `Bearer ${key.key}` } });
      for (const path of [
        `/admin/users?order=newest&paginationToken=${token("n|1700000000000|x\0")}`,
        `/admin/users?order=oldest&paginationToken=${token("o|1700000000000|\0")}`,
        `/admin/audit-events?paginationToken=${token("a|1700000000000|x\0y")}`,
        `/admin/roles/ops/users?paginationToken=${token("\0")}`,
      ]) {
        const response = await get(path);
        expect([path.split("?")[0], response.status, (await response.json()).status]).toEqual([path.split("?")[0], 400, "BAD_INPUT_ERROR"]);
      }
      // The edges of the range are cursors like any other.
      for (const path of [
        `/admin/users?order=newest&paginationToken=${token("n|253402300799999|x")}`,
        `/admin/users?order=oldest&paginationToken=${token("o|-30610224000000|x")}`,
        `/admin/audit-events?paginationToken=${token("a|253402300799999|x")}`,
      ]) {
        expect([path, (await get(path)).status]).toEqual([path, 200]);
      }
    });
  });
});
