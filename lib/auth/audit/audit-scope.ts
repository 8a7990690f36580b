import { withRequestScope, type EngineContext } from "../context";

/**
 * Runs engine work outside a request (server actions, route handlers of the app, scripts) and
 * returns once the audit rows it caused are written: a serverless function may be frozen as
 * soon as it answers, and only this work's writes are waited for, not other requests'.
 */
export async function withAuditWrites<T>(engine: EngineContext, work: (ctx: EngineContext) => Promise<T>): Promise<T> {
  // "server": the rows say the app's own code acted, not a user, an admin or the CLI.
  const ctx = withRequestScope(engine, {
    log: engine.log.child({ actor: "server" }),
    audit: engine.audit.child({ actor: "server" }, { scope: true }),
  });
  try {
    return await work(ctx);
  } finally {
    await ctx.audit.settled();
  }
}
