import { describe, expect, it } from "vitest";
import { silentLog } from "../log";
import { createMemoryAuditStore } from "../testing/memory-audit-store";
import { T0 } from "../testing/test-engine";
import { createAuditRecorder } from "./audit-recorder";
import type { AuditStore } from "../ports/audit-store";

const now = () => T0;

describe("audit recorder", () => {
  it("stores the event's fields and the request's context, clipped to the columns, and nothing else bound", async () => {
    const store = createMemoryAuditStore();
    const root = createAuditRecorder({ store, now, enabled: true });
    const request = root
      .child({ requestId: "req-1", token: "should-not-be-stored", cookie: "a=b", actorApiKeyId: "key-1" })
      .child({ ip: `198.51.100.1${"9".repeat(100)}`, userAgent: "U".repeat(2000) }, { scope: true });
    request.record("role.granted", { userId: "u1", role: "editor" }, silentLog);
    await request.settled();
    const [row] = await store.listEvents({ limit: 10 });
    expect(row).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{32}$/),
      time: T0,
      type: "role.granted",
      userId: "u1",
      ip: `198.51.100.1${"9".repeat(100)}`.slice(0, 64),
      userAgent: "U".repeat(512),
      detail: { role: "editor", requestId: "req-1", actorApiKeyId: "key-1" },
    });
    expect(JSON.stringify(row)).not.toMatch(/should-not-be-stored|a=b/);
  });

  it("skips routine refreshes, records nothing when disabled", async () => {
    const store = createMemoryAuditStore();
    createAuditRecorder({ store, now, enabled: true }).record("session.refresh", { userId: "u1" }, silentLog);
    const off = createAuditRecorder({ store, now, enabled: false });
    off.record("auth.signin", { userId: "u1" }, silentLog);
    await off.settled();
    expect(await store.listEvents({ limit: 10 })).toEqual([]);
  });

  it("a scope waits for its own writes only; the root waits for all of them", async () => {
    const release: (() => void)[] = [];
    const slow: AuditStore = { ...createMemoryAuditStore(), insertEvent: () => new Promise<void>((resolve) => release.push(resolve)) };
    const root = createAuditRecorder({ store: slow, now, enabled: true });
    const a = root.child({ requestId: "a" }, { scope: true });
    const b = root.child({ requestId: "b" }, { scope: true });
    a.record("auth.signin", { userId: "ua" }, silentLog);
    b.record("auth.signin", { userId: "ub" }, silentLog);
    const settled: string[] = [];
    void a.settled().then(() => settled.push("a"));
    void b.settled().then(() => settled.push("b"));
    void root.settled().then(() => settled.push("root"));
    release[1]();
    await new Promise((r) => setTimeout(r, 10));
    expect(settled).toEqual(["b"]);
    release[0]();
    await new Promise((r) => setTimeout(r, 10));
    expect(settled.sort()).toEqual(["a", "b", "root"]);
  });

  it("claims the purge at most once per interval", () => {
    const recorder = createAuditRecorder({ store: createMemoryAuditStore(), now, enabled: true });
    const child = recorder.child({ requestId: "x" }, { scope: true });
    const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
    expect(recorder.claimPurge(at(0), 3600_000)).toBe(true);
    expect(child.claimPurge(at(10), 3600_000)).toBe(false);
    expect(recorder.claimPurge(at(3599), 3600_000)).toBe(false);
    expect(child.claimPurge(at(3600), 3600_000)).toBe(true);
  });

  it("claims the purge again after the clock stepped back past the last one, not only once it caught up", () => {
    const recorder = createAuditRecorder({ store: createMemoryAuditStore(), now, enabled: true });
    const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);
    expect(recorder.claimPurge(at(365 * 86_400), 3600_000)).toBe(true);
    // An NTP correction of a year: waiting for the clock to pass the last purge again stopped purging for a year.
    expect(recorder.claimPurge(at(0), 3600_000)).toBe(true);
    expect(recorder.claimPurge(at(10), 3600_000)).toBe(false);
  });
});
