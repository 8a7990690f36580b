/** The audit log over HTTP on in-memory stores; audit.db.test.ts runs the same flows on each database. */
import { describe, expect, it } from "vitest";
import { createEngineContext } from "../auth/context";
import { resolveConfig } from "../auth/resolve-config";
import { createMemoryStores } from "../auth/testing/memory-stores";
import { createTestClock, createTestEngine, TEST_SECRET } from "../auth/testing/test-engine";
import { createLogger } from "../log";
import { createAuthClient, credentials } from "./testing/client";
import { describeAuditFlows } from "./testing/audit-flows";

describeAuditFlows("audit log over HTTP (memory)", async (config, wiring) => createTestEngine(config, wiring));

describe("audit log failures", () => {
  it("a failing audit store does not fail sign-up or sign-in: the request answers as usual and the loss is logged", async () => {
    const raw: string[] = [];
    const log = createLogger({ level: "info", destination: { write: (line: string) => void raw.push(line) } });
    const stores = createMemoryStores();
    let attempts = 0;
    stores.audit = {
      ...stores.audit,
      insertEvent: async () => {
        attempts++;
        throw new Error("connection reset while writing audit row");
      },
    };
    const ctx = createEngineContext({ config: resolveConfig({}), stores, secret: TEST_SECRET, now: createTestClock().now, log });
    const client = createAuthClient(ctx);
    const up = await client.send("POST", "/api/auth/signup", { body: credentials("resilient@example.com", "resilient-Password1") });
    expect(up.status).toBe(200);
    expect((await up.json()).status).toBe("OK");
    const signIn = await client.send("POST", "/api/auth/signin", { body: credentials("resilient@example.com", "resilient-Password1") });
    expect(signIn.status).toBe(200);
    expect(signIn.headers.getSetCookie().some((c) => c.startsWith("sAccessToken=ey"))).toBe(true);
    expect(attempts).toBe(2);
    const failures = raw.map((l) => JSON.parse(l)).filter((l) => l.event === "audit.write_failed");
    expect(failures).toEqual([
      expect.objectContaining({
        level: "error",
        auditEvent: "auth.signup",
        requestId: expect.any(String),
        error: expect.stringContaining("connection reset"),
      }),
      expect.objectContaining({ level: "error", auditEvent: "auth.signin", requestId: expect.any(String) }),
    ]);
  });

  it("an audit write that throws before returning a promise is caught the same way", async () => {
    const stores = createMemoryStores();
    stores.audit = {
      ...stores.audit,
      insertEvent: () => {
        throw new Error("synchronous failure");
      },
    };
    const { ctx } = createTestEngine({}, { stores });
    const up = await createAuthClient(ctx).send("POST", "/api/auth/signup", { body: credentials("sync@example.com", "resilient-Password1") });
    expect(up.status).toBe(200);
  });

  it("retentionDays must be a whole number ≥ 0", () => {
    for (const retentionDays of [-1, 1.5, Number.NaN]) {
      expect(() => resolveConfig({ auditLog: { retentionDays } }), String(retentionDays)).toThrow(/auditLog.retentionDays/);
    }
    expect(resolveConfig({}).auditLog).toEqual({ enabled: true, retentionDays: 90 });
    expect(resolveConfig({ auditLog: { retentionDays: 0, enabled: false } }).auditLog).toEqual({ enabled: false, retentionDays: 0 });
  });
});
