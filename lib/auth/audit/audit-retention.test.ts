/**
 * `auditLog.retentionDays` at its extremes. The purge deletes the events before now minus the
 * retention, a cutoff the database compares: a retention that puts it before the year 1000 is one
 * no database is sure to hold (storable-time.ts), and one past a Date's range made an invalid
 * cutoff, so that the hourly purge failed every hour (`audit.purge_failed`) and
 * `gatehouse audit purge` stopped on a RangeError. Such a value must stop the start.
 */
import { describe, expect, it } from "vitest";
import { resolveConfig } from "../resolve-config";
import { isStorableTime, MAX_LIFETIME_SECONDS } from "../storable-time";
import { createTestEngine } from "../testing/test-engine";
import { auditRetentionCutoff } from "./audit-events";

const MAX_RETENTION_DAYS = MAX_LIFETIME_SECONDS / 86_400;

describe("auditLog.retentionDays at its extremes", () => {
  it.each([MAX_RETENTION_DAYS + 1, 400_000, 1e9, Number.MAX_SAFE_INTEGER])("refuses %s days, naming the option", (retentionDays) => {
    expect(() => resolveConfig({ auditLog: { retentionDays } })).toThrow(
      expect.objectContaining({ code: "CONFIG_INVALID", message: expect.stringContaining("auditLog.retentionDays") }),
    );
  });

  it("keeps the longest lifetime (100 years), whose cutoff every database holds", () => {
    const { ctx } = createTestEngine({ auditLog: { retentionDays: MAX_RETENTION_DAYS } });
    expect(ctx.config.auditLog.retentionDays).toBe(MAX_RETENTION_DAYS);
    expect(isStorableTime(auditRetentionCutoff(ctx)!.getTime())).toBe(true);
  });
});
