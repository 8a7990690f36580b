import { afterAll, describe, expect, it } from "vitest";
import { createNewSession } from "../auth/session/session";
import { createMemoryStores } from "../auth/testing/memory-stores";
import { createTestEngine } from "../auth/testing/test-engine";
import { setGatehouse } from "../gatehouse";
import { getAuditEvents, getAuditEventsForUser, purgeAuditEvents } from "./audit-api";
import { revokeAllSessionsForUser, revokeSession } from "./session-api";
import { withSession } from "./with-session";

describe("lib/next/audit-api: the audit log bound to the composition root", () => {
  // A store slower than the caller: a server function must still return after its row is written.
  const stores = createMemoryStores();
  const insert = stores.audit.insertEvent;
  stores.audit.insertEvent = async (row) => {
    await new Promise((r) => setTimeout(r, 20));
    await insert(row);
  };
  // One proxy in front: its X-Forwarded-For entry is the client's address.
  const { ctx, clock } = createTestEngine({ trustedProxy: { hops: 1 } }, { stores });
  setGatehouse(ctx);
  afterAll(() => setGatehouse(undefined));

  it("server functions record their events (no IP outside a request) and list them per user, a page at a time", async () => {
    const a = await createNewSession(ctx, { userId: "u-api" });
    const b = await createNewSession(ctx, { userId: "u-api" });
    expect(await revokeSession(a.sessionHandle)).toBe(true);
    expect(await getAuditEventsForUser("u-api")).toEqual({
      status: "OK",
      events: [
        expect.objectContaining({
          type: "session.revoked",
          userId: "u-api",
          ip: null,
          userAgent: null,
          detail: { sessionHandle: a.sessionHandle, actor: "server" },
        }),
      ],
    });
    clock.advanceSeconds(1);
    expect(await revokeAllSessionsForUser("u-api")).toEqual([b.sessionHandle]);
    const first = await getAuditEventsForUser("u-api", { limit: 1 });
    if (first.status !== "OK") throw new Error(first.status);
    expect(first.events.map((e) => e.detail)).toEqual([{ count: 1, actor: "server" }]);
    const second = await getAuditEventsForUser("u-api", { limit: 1, paginationToken: first.nextPaginationToken });
    expect(second).toEqual({ status: "OK", events: [expect.objectContaining({ detail: { sessionHandle: a.sessionHandle, actor: "server" } })] });
    expect(await getAuditEventsForUser("u-api", { paginationToken: "nope" })).toEqual({ status: "INVALID_PAGINATION_TOKEN_ERROR" });
    expect(await getAuditEvents({ limit: 10 })).toMatchObject({ status: "OK", events: { length: 2 } });

    clock.advanceSeconds(91 * 86_400);
    expect(await purgeAuditEvents()).toBe(2);
    expect(await getAuditEvents()).toEqual({ status: "OK", events: [] });
  });

  it("withSession: a handler's revocation is recorded with the request's IP and user agent before the answer", async () => {
    const tokens = await createNewSession(ctx, { userId: "u-route" });
    const handler = withSession(async (_request, session) => {
      await session.revokeSession();
      return Response.json({ ok: true });
    });
    const request = new Request("http://localhost:3000/api/me/sign-out-here", {
      method: "POST",
      headers: { authorization: `Bearer ${tokens.accessToken}`, "user-agent": "RouteTest/2", "x-forwarded-for": "198.51.100.7" },
    });
    expect((await handler(request, {})).status).toBe(200);
    expect(await getAuditEventsForUser("u-route")).toEqual({
      status: "OK",
      events: [expect.objectContaining({ type: "session.revoked", ip: "198.51.100.7", userAgent: "RouteTest/2" })],
    });
  });
});
