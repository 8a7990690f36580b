/** What the audit-log flows (audit-flows.ts, audit-retention-flows.ts) start from. */
import { randomUUID } from "node:crypto";
import type { GatehouseConfig } from "../../auth/config";
import type { EmailDelivery } from "../../auth/email/email-delivery";
import type { EngineContext } from "../../auth/context";
import type { createTestEngine, TestEngineOptions } from "../../auth/testing/test-engine";
import { createAuthClient } from "./client";

/** An engine on some stores, with the test's background-work collector and (optionally) its outbox. */
export type MakeAuditEngine = (
  config: GatehouseConfig,
  wiring: Pick<TestEngineOptions, "waitUntil" | "emailDelivery">,
) => Promise<ReturnType<typeof createTestEngine>>;

/** Request headers of one device: what the audit log must show for its events. */
export function device(n: number) {
  return { userAgent: `AuditTest/1.0 (device ${n}; ${randomUUID().slice(0, 8)})`, ip: `203.0.113.${n}` };
}
export type Device = ReturnType<typeof device>;

/** An engine from `makeEngine`, clients per device, and `settle` to await the work after each answer. */
export function auditFlowSetup(makeEngine: MakeAuditEngine) {
  return async function setup(config: GatehouseConfig = {}, emailDelivery?: EmailDelivery) {
    const background: Promise<unknown>[] = [];
    // The devices come through a proxy at 10.0.0.1, declared so that their addresses are believed.
    // Work after the answer (the app's route hands it to Next's `after`) is awaited by the test.
    const made = await makeEngine(
      { trustedProxy: { cidrs: ["10.0.0.0/8"] }, ...config },
      { waitUntil: (task) => void background.push(task), emailDelivery },
    );
    const { ctx } = made;
    const tag = `au${randomUUID().slice(0, 8)}`;
    /** A cookie-keeping client whose every request comes from `d`. */
    const client = (d: Device) => {
      const c = createAuthClient(ctx);
      const headers = { "user-agent": d.userAgent, "x-forwarded-for": `${d.ip}, 10.0.0.1` };
      return {
        jar: c.jar,
        send: (method: string, path: string, options: Parameters<typeof c.send>[2] = {}) =>
          c.send(method, path, { ...options, headers: { ...headers, ...options.headers } }),
      };
    };
    const settle = () => Promise.all(background.splice(0));
    return { ...made, tag, client, settle, mail: (local: string) => `${tag}-${local}@example.com` };
  };
}

export type AuditSetup = ReturnType<typeof auditFlowSetup>;

/** Every event of the user (the store's own order: newest first). */
export const eventsOf = async (ctx: EngineContext, userId: string) => ctx.stores.audit.listEvents({ userId, limit: 500 });
