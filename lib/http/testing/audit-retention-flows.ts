import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import type { AuditEventRow } from "../../auth/ports/audit-store";
import { credentials } from "./client";
import { device, eventsOf, type AuditSetup } from "./audit-flow-setup";

/** Retention and switching the log off; part of describeAuditFlows (audit-flows.ts). */
export function auditRetentionFlows(setup: AuditSetup): void {
  it("retention: requests purge events older than retentionDays at most once an hour; 0 keeps them", async () => {
    const { ctx, clock, client, mail, settle } = await setup({ auditLog: { retentionDays: 1 } });
    const userId = randomUUID();
    const row = (ageSeconds: number): AuditEventRow => ({
      id: randomUUID(),
      time: new Date(ctx.now().getTime() - ageSeconds * 1000),
      type: "auth.signin",
      userId,
      ip: null,
      userAgent: null,
      detail: {},
    });
    const [old, young] = [row(86_400 + 1), row(86_400 - 60)];
    await ctx.stores.audit.insertEvent(old);
    await ctx.stores.audit.insertEvent(young);
    const ping = async () => {
      await client(device(9)).send("GET", `/api/auth/emailpassword/email/exists?email=${mail("ping")}`);
      await settle();
    };
    const ids = async () => (await eventsOf(ctx, userId)).map((e) => e.id).sort();

    await ping();
    expect(await ids()).toEqual([young.id]);
    // Within the hour no request purges again, even once `young` is past the retention.
    clock.advanceSeconds(3599);
    await ping();
    expect(await ids()).toEqual([young.id]);
    clock.advanceSeconds(1);
    await ping();
    expect(await ids()).toEqual([]);

    const forever = await setup({ auditLog: { retentionDays: 0 } });
    const ancient = { ...row(10 * 365 * 86_400), id: randomUUID(), time: new Date(forever.ctx.now().getTime() - 10 * 365 * 86_400_000) };
    await forever.ctx.stores.audit.insertEvent(ancient);
    await forever.client(device(9)).send("GET", `/api/auth/emailpassword/email/exists?email=${mail("ping")}`);
    await forever.settle();
    expect((await eventsOf(forever.ctx, userId)).map((e) => e.id)).toContain(ancient.id);
  });

  it("auditLog.enabled false records nothing, and the request still succeeds", async () => {
    const { ctx, client, mail } = await setup({ auditLog: { enabled: false } });
    const up = await client(device(8)).send("POST", "/api/auth/signup", { body: credentials(mail("quiet"), "quiet-Password1") });
    expect(up.status).toBe(200);
    expect(await eventsOf(ctx, (await up.json()).user.id)).toEqual([]);
  });
}
