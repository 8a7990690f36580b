import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decodeFrontToken } from "../../auth/session/front-token";
import { createTestEngine } from "../../auth/testing/test-engine";
import { createRequestSession } from "../request-session";
import { json } from "../respond";
import { handleAuthRequest } from "../routes";
import { verifyRequestSession } from "../verify-request";
import type { MakeEngine } from "./auth-flows";
import { createAuthClient, credentials, ORIGIN } from "./client";

/** Session management over HTTP: my sessions, blacklisting, live payload updates, hooks, cookies. */
export function describeSessionFlows(name: string, makeEngine: MakeEngine): void {
  const mail = () => `s-${randomUUID().slice(0, 8)}@example.com`;

  describe(name, () => {
    it("my sessions: lists devices with the current one marked; revokes one, then all others", async () => {
      const { ctx, clock } = await makeEngine({});
      const email = mail();
      const [a, b, c] = [createAuthClient(ctx), createAuthClient(ctx), createAuthClient(ctx)];
      await a.send("POST", "/api/auth/signup", { body: credentials(email, "fixture-pw-1"), headers: { "user-agent": "Device A" } });
      clock.advanceSeconds(1);
      await b.send("POST", "/api/auth/signin", { body: credentials(email, "fixture-pw-1"), headers: { "user-agent": "Device B" } });
      clock.advanceSeconds(1);
      await c.send("POST", "/api/auth/signin", { body: credentials(email, "fixture-pw-1"), headers: { "user-agent": "Device C" } });
      const listed = await (await a.send("GET", "/api/auth/user/sessions")).json();
      expect(listed.sessions.map((s: { userAgent: string }) => s.userAgent)).toEqual(["Device A", "Device B", "Device C"]);
      expect(listed.sessions.map((s: { current: boolean }) => s.current)).toEqual([true, false, false]);
      const bHandle = listed.sessions[1].sessionHandle;

      const revokeB = await a.send("POST", "/api/auth/user/sessions/revoke", { body: { sessionHandle: bHandle } });
      expect(await revokeB.json()).toEqual({ status: "OK", revoked: [bHandle] });
      expect((await b.send("POST", "/api/auth/session/refresh")).status).toBe(401);
      // B's access token is still a valid JWT, but the list checks the database.
      expect((await b.send("GET", "/api/auth/user/sessions")).status).toBe(401);

      const others = await a.send("POST", "/api/auth/user/sessions/revoke", { body: { allOthers: true } });
      expect((await others.json()).revoked).toHaveLength(1);
      expect((await c.send("POST", "/api/auth/session/refresh")).status).toBe(401);
      expect((await a.send("POST", "/api/auth/session/refresh")).status).toBe(200);
    });

    it("my sessions: another user's handle is refused like an unknown one; bad bodies are 400", async () => {
      const { ctx } = await makeEngine({});
      const [mine, theirs] = [createAuthClient(ctx), createAuthClient(ctx)];
      await mine.send("POST", "/api/auth/signup", { body: credentials(mail(), "fixture-pw-1") });
      const up = await theirs.send("POST", "/api/auth/signup", { body: credentials(mail(), "fixture-pw-1") });
      const theirHandle = decodeFrontToken(up.headers.get("front-token")!).up.sessionHandle as string;
      const refused = await mine.send("POST", "/api/auth/user/sessions/revoke", { body: { sessionHandle: theirHandle } });
      expect(refused.status).toBe(404);
      expect(await refused.json()).toEqual({ status: "UNKNOWN_SESSION_ERROR" });
      expect((await theirs.send("POST", "/api/auth/session/refresh")).status).toBe(200);
      for (const body of [{}, { sessionHandle: "x" }, { allOthers: false }, { sessionHandle: theirHandle, allOthers: true }]) {
        expect((await mine.send("POST", "/api/auth/user/sessions/revoke", { body })).status).toBe(400);
      }
      expect((await createAuthClient(ctx).send("GET", "/api/auth/user/sessions")).status).toBe(401);
    });

    it("revocation reaches another instance within the sync interval, with no per-request database read", async () => {
      const a = await makeEngine({ session: { revocationSyncIntervalMs: 1000 } });
      // A second instance on the same database and clock, without the push channel (PostgreSQL's
      // LISTEN/NOTIFY, tested in lib/store/revocation-listener.db.test.ts): this is the sync alone.
      const { subscribe: _push, ...pollOnly } = a.stores.revocations;
      const b = createTestEngine({ session: { revocationSyncIntervalMs: 1000 } }, { stores: { ...a.stores, revocations: pollOnly }, clock: a.clock });
      const client = createAuthClient(a.ctx);
      await client.send("POST", "/api/auth/signup", { body: credentials(mail(), "fixture-pw-1") });
      const cookie = `sAccessToken=${client.jar.get("sAccessToken")!.value}`;
      const request = () => new Request("http://localhost:3000/api/x", { headers: { cookie } });
      expect((await verifyRequestSession(b.ctx, request())).ok).toBe(true);
      await client.send("POST", "/api/auth/signout");
      expect((await verifyRequestSession(a.ctx, request())).ok).toBe(false); // where it happened: at once
      expect((await verifyRequestSession(b.ctx, request(), { checkDatabase: true })).ok).toBe(false);
      expect((await verifyRequestSession(b.ctx, request())).ok).toBe(true); // b has not synced yet
      a.clock.advanceSeconds(1);
      const late = await verifyRequestSession(b.ctx, request());
      expect(late.ok).toBe(false);
      if (!late.ok) expect(late.response.status).toBe(401);
    });

    it("mergeIntoAccessTokenPayload in a handler: this response carries the new token and front-token", async () => {
      const { ctx } = await makeEngine({ setJwtPayload: () => ({ role: "user", theme: "dark" }) });
      const handler = async (request: Request) => {
        if (!new URL(request.url).pathname.startsWith("/api/app/")) return handleAuthRequest(ctx, request);
        const verified = await verifyRequestSession(ctx, request);
        if (!verified.ok) return verified.response;
        const { session, finish } = createRequestSession(ctx, request, verified.session);
        await session.mergeIntoAccessTokenPayload({ role: "admin", theme: null });
        return finish(json({ ok: true }));
      };
      const client = createAuthClient(ctx, handler);
      await client.send("POST", "/api/auth/signup", { body: credentials(mail(), "fixture-pw-1") });
      const response = await client.send("POST", "/api/app/promote");
      const front = decodeFrontToken(response.headers.get("front-token")!);
      expect(front.up).toMatchObject({ role: "admin" });
      expect(front.up).not.toHaveProperty("theme");
      expect(response.headers.getSetCookie().some((c) => c.startsWith("sAccessToken="))).toBe(true);
      expect(response.headers.getSetCookie().some((c) => c.startsWith("sRefreshToken="))).toBe(false);
      // The stored payload changed too, so the next refresh keeps it.
      const refreshed = await client.send("POST", "/api/auth/session/refresh");
      expect(decodeFrontToken(refreshed.headers.get("front-token")!).up).toMatchObject({ role: "admin" });
    });

    it("error hooks replace the default answers", async () => {
      const seen: string[] = [];
      const { ctx, clock } = await makeEngine({
        onSessionError: {
          onUnauthorised: ({ response }) => (seen.push(`unauthorised ${response.status}`), Response.json({ custom: "login" }, { status: 401 })),
          onTryRefreshToken: () => (seen.push("try-refresh"), undefined),
          onTokenTheftDetected: ({ userId }) => (seen.push(`theft ${typeof userId}`), Response.json({ custom: "theft" }, { status: 401 })),
        },
      });
      const client = createAuthClient(ctx);
      await client.send("POST", "/api/auth/signup", { body: credentials(mail(), "fixture-pw-1") });
      const first = client.jar.get("sRefreshToken")!.value;
      await client.send("POST", "/api/auth/session/refresh");
      clock.advanceSeconds(3600);
      const expired = await client.send("POST", "/api/auth/signout");
      expect(await expired.json()).toEqual({ message: "try refresh token" });
      clock.advanceSeconds(1);
      const theft = await client.send("POST", "/api/auth/session/refresh", { headers: { cookie: `sRefreshToken=${first}` }, cookies: false });
      expect(await theft.json()).toEqual({ custom: "theft" });
      const none = await createAuthClient(ctx).send("GET", "/api/auth/user/sessions");
      expect(await none.json()).toEqual({ custom: "login" });
      expect(seen).toEqual(["try-refresh", "theft string", "unauthorised 401"]);
    });

    it("cookie names, domain and olderCookieDomain", async () => {
      // The Domain must cover the app origin's host (browsers drop it otherwise); the test client
      // posts from ORIGIN, trusted as a sibling would be.
      const { ctx } = await makeEngine({
        appOrigin: "http://app.example.test",
        trustedOrigins: [ORIGIN],
        session: { accessTokenCookieName: "ghAT", refreshTokenCookieName: "ghRT", cookieDomain: ".example.test", olderCookieDomain: "" },
      });
      const client = createAuthClient(ctx);
      const up = await client.send("POST", "/api/auth/signup", { body: credentials(mail(), "fixture-pw-1") });
      const cookies = up.headers.getSetCookie();
      // Host-only copies from before the domain change are expired first, then the new ones set.
      expect(cookies[0]).toMatch(/^ghAT=; Path=\/; Expires=Thu, 01 Jan 1970/);
      expect(cookies[0]).not.toContain("Domain=");
      expect(cookies.find((c) => c.startsWith("ghAT=ey"))).toContain("Domain=.example.test");
      expect(cookies.find((c) => c.startsWith("ghRT=v1."))).toContain("Domain=.example.test");
      expect((await client.send("POST", "/api/auth/session/refresh")).status).toBe(200);
    });
  });
}
