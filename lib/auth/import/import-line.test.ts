import { describe, expect, it } from "vitest";
import { createTestEngine } from "../testing/test-engine";
import { findUsersById } from "../users/imported-users";
import { importUserBatch } from "./import-users";
import { toImportRecord } from "./import-line";

const line = (timeJoined: number) => ({
  externalUserId: `u-${timeJoined}`,
  loginMethods: [
    {
      recipeId: "emailpassword",
      email: `u-${timeJoined}@example.com`,
      passwordHash: "$2b$04$otlvKeC.X0zjGSvqkAsXYuewaWKsWc/43I5.WWfcLUnClctdztbK2",
      timeJoined,
    },
  ],
});

describe("an imported line's timeJoined", () => {
  it("past what a database stores (year 9999, MariaDB's DATETIME) is an invalid line, in a dry run as in a real one", async () => {
    // 8.7e15 ms is past JavaScript's last date (an Invalid Date: every database refuses the
    // row); 3e14 ms is the year 11476, which MariaDB's DATETIME refuses. Either used to pass as
    // CREATED in a dry run and fail the real run's user (exit 1) instead of being reported.
    for (const timeJoined of [8_700_000_000_000_000, 300_000_000_000_000]) {
      const result = await toImportRecord(line(timeJoined), { source: "json", now: new Date(0) });
      expect(result).toMatchObject({ status: "INVALID", reason: expect.stringContaining("timeJoined") });
    }
    const { ctx } = createTestEngine();
    const [report] = await importUserBatch(ctx, [{ line: 1, value: line(8_700_000_000_000_000) }], { source: "json", dryRun: true });
    expect(report).toMatchObject({ status: "INVALID" });
    // The last moment of 9999 is kept.
    const last = Date.UTC(9999, 11, 31, 23, 59, 59, 999);
    const kept = await toImportRecord(line(last), { source: "json", now: new Date(0) });
    expect(kept.status === "OK" && kept.record.timeJoined.toISOString()).toBe("9999-12-31T23:59:59.999Z");
  });

  it("a role granted only in tenants other than public is not made an app-wide role", async () => {
    const base = {
      externalUserId: "u-roles",
      loginMethods: [{ recipeId: "emailpassword", email: "r@example.com", plainTextPassword: "fixture-pw-1" }],
    };
    // SuperTokens' bulk-import format scopes a role to tenants: admin of "acme" only is no admin
    // of the app, which is what a Gatehouse role is (st-role in every session).
    const scoped = await toImportRecord({ ...base, userRoles: [{ role: "admin", tenantIds: ["acme"] }] }, { source: "json", now: new Date(0) });
    expect(scoped).toMatchObject({ status: "SKIPPED", reason: expect.stringContaining("TENANT_NOT_SUPPORTED") });
    const publicToo = await toImportRecord(
      { ...base, userRoles: ["editor", { role: "admin", tenantIds: ["acme", "public"] }, { role: "viewer" }] },
      { source: "json", now: new Date(0) },
    );
    expect(publicToo.status === "OK" && publicToo.record.roles).toEqual(["editor", "admin", "viewer"]);
  });

  it("an old id that a URL path cannot carry ('.', '..') is recorded, not kept as the Gatehouse id", async () => {
    // `/admin/users/..` (or `%2E%2E`) is `/admin/` to every URL parser: a user with that id could
    // not be read, deleted or have sessions revoked through the admin API or the dashboard.
    const { ctx } = createTestEngine();
    for (const [i, id] of [".", ".."].entries()) {
      const value = {
        externalUserId: id,
        loginMethods: [{ recipeId: "emailpassword", email: `dot-${i}@example.com`, plainTextPassword: "fixture-pw-1" }],
      };
      const [report] = await importUserBatch(ctx, [{ line: 1, value }], { source: "json", dryRun: false });
      expect(report).toMatchObject({ status: "CREATED" });
      const userId = (report as { userId: string }).userId;
      expect(userId, id).not.toBe(id);
      expect((await findUsersById(ctx, id)).map((u) => u.id)).toEqual([userId]);
    }
  });
});
