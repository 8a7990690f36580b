import { randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createApiKey } from "../../auth/apikeys/api-keys";
import type { OutgoingEmail } from "../../auth/email/email-delivery";
import { updateEmail } from "../../auth/emailpassword/update-email";
import type { AuditEventRow } from "../../auth/ports/audit-store";
import { createAuthClient, credentials } from "./client";
import { auditFlowSetup, device, eventsOf, type Device, type MakeAuditEngine } from "./audit-flow-setup";
import { auditRetentionFlows } from "./audit-retention-flows";

export type { MakeAuditEngine } from "./audit-flow-setup";

const A = "/api/auth/admin";

/**
 * The audit log over the real route table: every security event a flow causes lands in the
 * store with its user, the client's IP (the hop left of the trusted proxy at 10.0.0.1) and user agent, and no
 * credential anywhere; the admin API reads it behind a key, a page at a time; retention purges
 * it on the hour. Runs on in-memory stores (audit.test.ts) and on each database (audit.db.test.ts).
 */
export function describeAuditFlows(name: string, makeEngine: MakeAuditEngine): void {
  const setup = auditFlowSetup(makeEngine);

  describe(name, () => {
    it("records each security event with its user, IP and user agent, and never a credential", async () => {
      const outbox: OutgoingEmail[] = [];
      const made = await setup({}, { send: async (email) => void outbox.push(email) });
      const { ctx, clock, client, mail, settle } = made;
      const secrets: string[] = [];
      const keep = (...values: (string | null | undefined)[]) => values.forEach((v) => v && secrets.push(v));
      const [password, changed, reset, adminSet] = ["first-Password1", "second-Password2", "third-Password3", "fourth-Password4"];
      keep(password, changed, reset, adminSet, "wrong-Password9");
      const cookies = (c: { jar: Map<string, { value: string }> }) => keep(...[...c.jar.values()].map((v) => v.value));

      const [laptop, phone, tablet, attacker, script] = [device(1), device(2), device(3), device(4), device(5)];
      const email = mail("user");
      const user = client(laptop);
      const up = await user.send("POST", "/api/auth/signup", { body: credentials(email, password) });
      const userId = (await up.json()).user.id as string;
      // Written before the answer left, not some time later (a serverless function may freeze).
      expect(await eventsOf(ctx, userId)).toEqual([expect.objectContaining({ type: "auth.signup" })]);
      cookies(user);
      await client(attacker).send("POST", "/api/auth/signin", { body: credentials(email, "wrong-Password9") });
      await client(attacker).send("POST", "/api/auth/signin", { body: credentials(mail("nobody"), password) });

      // Email verification by link.
      await user.send("POST", "/api/auth/user/email/verify/token");
      await settle();
      const verifyToken = new URL(outbox.pop()!.link).searchParams.get("token")!;
      keep(verifyToken);
      expect(await (await user.send("POST", "/api/auth/user/email/verify", { body: { method: "token", token: verifyToken } })).json()).toEqual({
        status: "OK",
      });

      // A second device; its rotated-out refresh token replayed after the grace window is theft.
      const second = client(phone);
      await second.send("POST", "/api/auth/signin", { body: credentials(email, password) });
      const firstRefresh = second.jar.get("sRefreshToken")!.value;
      cookies(second);
      await second.send("POST", "/api/auth/session/refresh");
      cookies(second);
      clock.advanceSeconds(11);
      await client(attacker).send("POST", "/api/auth/session/refresh", { headers: { cookie: `sRefreshToken=${firstRefresh}` }, cookies: false });

      // Password change (a wrong try first) revokes the other sessions; then own-session revocation and sign-out.
      const third = client(tablet);
      await third.send("POST", "/api/auth/signin", { body: credentials(email, password) });
      cookies(third);
      const body = (oldPassword: string) => ({ body: { oldPassword, newPassword: changed } });
      expect((await (await user.send("POST", "/api/auth/user/password/change", body("wrong-Password9"))).json()).status).toBe(
        "WRONG_CREDENTIALS_ERROR",
      );
      expect(await (await user.send("POST", "/api/auth/user/password/change", body(password))).json()).toEqual({ status: "OK", revokedSessions: 1 });
      const fourth = client(tablet);
      await fourth.send("POST", "/api/auth/signin", { body: credentials(email, changed) });
      cookies(fourth);
      const handles = (await (await user.send("GET", "/api/auth/user/sessions")).json()).sessions as { sessionHandle: string; current: boolean }[];
      const other = handles.find((s) => !s.current)!.sessionHandle;
      expect((await user.send("POST", "/api/auth/user/sessions/revoke", { body: { sessionHandle: other } })).status).toBe(200);
      expect((await user.send("POST", "/api/auth/signout")).status).toBe(200);

      // Password reset by emailed link.
      const resetter = client(phone);
      await resetter.send("POST", "/api/auth/user/password/reset/token", { body: { formFields: [{ id: "email", value: email }] } });
      await settle();
      const resetToken = new URL(outbox.pop()!.link).searchParams.get("token")!;
      keep(resetToken);
      const resetBody = { method: "token", token: resetToken, formFields: [{ id: "password", value: reset }] };
      expect(await (await resetter.send("POST", "/api/auth/user/password/reset", { body: resetBody })).json()).toEqual({ status: "OK" });

      // The admin API with a key: roles, password, email, sessions, deletion; a wrong key is refused.
      const created = await createApiKey(ctx, { name: `ops ${made.tag}` });
      if (created.status !== "OK") throw new Error(created.status);
      keep(created.key);
      const admin = (method: string, path: string, payload?: unknown, key = created.key) =>
        client(script).send(method, `${A}${path}`, {
          body: payload,
          cookies: false,
          headers: { origin: null, rid: null, authorization: `Bearer ${key}` },
        });
      const role = `auditor-${made.tag}`;
      const again = client(laptop);
      await again.send("POST", "/api/auth/signin", { body: credentials(email, reset) });
      cookies(again);
      expect((await admin("PUT", `/roles/${role}`, { permissions: ["audit:read"] })).status).toBe(200);
      expect((await admin("PUT", `/users/${userId}/roles/${role}`)).status).toBe(200);
      expect((await admin("DELETE", `/users/${userId}/roles/${role}`)).status).toBe(200);
      expect((await admin("DELETE", `/roles/${role}`)).status).toBe(200);
      expect((await admin("POST", `/users/${userId}/password`, { password: adminSet })).status).toBe(200);
      expect((await admin("POST", `/users/${userId}/sessions/revoke`, { all: true })).status).toBe(200);
      const wrongKey = `gh_${randomBytes(32).toString("base64url")}`;
      keep(wrongKey);
      expect((await admin("GET", "/users/count", undefined, wrongKey)).status).toBe(401);
      // No HTTP endpoint changes an email: the engine function records it, without a request.
      expect(await updateEmail(ctx, userId, mail("renamed"))).toEqual({ status: "OK" });
      await ctx.audit.settled();
      const beforeDeletion = await eventsOf(ctx, userId);
      expect((await admin("DELETE", `/users/${userId}`)).status).toBe(200);

      // Deleting the user keeps their events (that is when they matter); retention removes them.
      const events = [...(await eventsOf(ctx, userId))].reverse();
      expect(events.slice(0, -1)).toEqual([...beforeDeletion].reverse());
      const at = (d: Device) => ({ ip: d.ip, userAgent: d.userAgent });
      const one = (type: string, extra: Partial<AuditEventRow> = {}) => expect.objectContaining({ type, userId, ...extra });
      const detail = (d: Record<string, unknown>) => expect.objectContaining(d);
      expect(events).toEqual([
        one("auth.signup", {
          ...at(laptop),
          detail: detail({ method: "emailpassword", sessionHandle: expect.any(String), requestId: expect.any(String) }),
        }),
        one("auth.signin_failed", { ...at(attacker), detail: detail({ reason: "WRONG_PASSWORD" }) }),
        one("email.verified", at(laptop)),
        one("auth.signin", at(phone)),
        one("session.theft_detected", at(attacker)),
        one("auth.signin", at(tablet)),
        one("password.change_failed", { ...at(laptop), detail: detail({ reason: "WRONG_PASSWORD" }) }),
        one("session.revoked", at(laptop)),
        one("password.changed", { ...at(laptop), detail: detail({ count: 1 }) }),
        one("auth.signin", at(tablet)),
        one("session.revoked", at(laptop)),
        one("session.signout", at(laptop)),
        one("password.reset", at(phone)),
        one("auth.signin", at(laptop)),
        one("role.granted", { ...at(script), detail: detail({ role, actorApiKeyId: created.apiKey.id }) }),
        one("role.removed", { ...at(script), detail: detail({ role, actorApiKeyId: created.apiKey.id }) }),
        one("password.set", { ...at(script), detail: detail({ actorApiKeyId: created.apiKey.id }) }),
        one("session.revoked", { ...at(script), detail: detail({ count: 1 }) }),
        one("email.changed", { ip: null, userAgent: null }),
        one("user.deleted", { ...at(script), detail: detail({ actorApiKeyId: created.apiKey.id }) }),
      ]);
      // The refresh itself is routine, not recorded; the failed sign-in of an unknown email names nobody.
      const all = await ctx.stores.audit.listEvents({ limit: 500 });
      const ofThisTest = all.filter(
        (e) => e.ip?.startsWith("203.0.113.") && [laptop, phone, tablet, attacker, script].some((d) => d.userAgent === e.userAgent),
      );
      expect(ofThisTest.some((e) => e.type === "session.refresh")).toBe(false);
      expect(ofThisTest).toContainEqual(
        expect.objectContaining({ type: "auth.signin_failed", userId: null, ...at(attacker), detail: detail({ reason: "UNKNOWN_EMAIL" }) }),
      );
      const adminEvents = ofThisTest.filter((e) => e.detail.actorApiKeyId === created.apiKey.id || e.detail.apiKeyId === created.apiKey.id);
      expect(adminEvents.filter((e) => e.type === "role.created" || e.type === "role.deleted")).toEqual([
        expect.objectContaining({ type: "role.deleted", userId: null, detail: detail({ role }) }),
        expect.objectContaining({ type: "role.created", userId: null, detail: detail({ role, count: 1 }) }),
      ]);
      expect(adminEvents.filter((e) => e.type === "apikey.used").length).toBeGreaterThanOrEqual(7);
      expect(ofThisTest).toContainEqual(
        expect.objectContaining({ type: "apikey.rejected", ...at(script), detail: detail({ reason: "INVALID_KEY" }) }),
      );

      // No password, token, cookie, key or hash in any stored row.
      const stored = JSON.stringify(all);
      expect(secrets.length).toBeGreaterThan(15);
      for (const secret of secrets) expect(stored, "a credential reached the audit log").not.toContain(secret);
      expect(stored).not.toMatch(/\$argon2|sAccessToken|sRefreshToken|eyJ[\w-]+\.|gh_[\w-]{20}/);
    });

    it("admin API: a valid key reads everyone's events and one user's, newest first, a page at a time; bad input is a 400", async () => {
      const { ctx, clock, client, mail, tag } = await setup({});
      // A day on: this test's events are the newest in a database the file's tests share.
      clock.advanceSeconds(86_400);
      const d = device(7);
      const user = client(d);
      const userId = (await (await user.send("POST", "/api/auth/signup", { body: credentials(mail("paged"), "paged-Password1") })).json()).user
        .id as string;
      for (let i = 0; i < 4; i++) await client(d).send("POST", "/api/auth/signin", { body: credentials(mail("paged"), `wrong-Password${i}`) });
      await user.send("POST", "/api/auth/signout");
      const created = await createApiKey(ctx, { name: `reader ${tag}` });
      if (created.status !== "OK") throw new Error(created.status);
      const get = (path: string, key: string | null = created.key) =>
        createAuthClient(ctx).send("GET", `${A}${path}`, {
          cookies: false,
          headers: { origin: null, rid: null, authorization: key && `Bearer ${key}` },
        });

      const walked: { type: string; userId: string; ip: string; userAgent: string; time: number; detail: Record<string, unknown> }[] = [];
      let token: string | undefined;
      for (let page = 0; page < 10; page++) {
        const response = await get(`/users/${userId}/audit-events?limit=2${token ? `&paginationToken=${token}` : ""}`);
        expect(response.status).toBe(200);
        const body = await response.json();
        expect(body.status).toBe("OK");
        expect(body.events.length).toBeLessThanOrEqual(2);
        walked.push(...body.events);
        token = body.nextPaginationToken;
        if (!token) break;
      }
      expect(walked.map((e) => e.type)).toEqual(["session.signout", ...Array(4).fill("auth.signin_failed"), "auth.signup"]);
      expect(walked[0]).toEqual({
        id: expect.any(String),
        time: ctx.now().getTime(),
        type: "session.signout",
        userId,
        ip: d.ip,
        userAgent: d.userAgent,
        detail: expect.objectContaining({ sessionHandle: expect.any(String) }),
      });

      // Everyone's events, the same walk; the user filter works there too.
      const first = await (await get("/audit-events?limit=3")).json();
      expect(first.events).toHaveLength(3);
      const next = await (await get(`/audit-events?limit=3&paginationToken=${first.nextPaginationToken}`)).json();
      const firstIds = first.events.map((e: { id: string }) => e.id);
      expect(next.events.some((e: { id: string }) => firstIds.includes(e.id))).toBe(false);
      // The key's own uses were recorded in between, newest first.
      expect(first.events[0]).toMatchObject({ type: "apikey.used", detail: { apiKeyId: created.apiKey.id } });
      const filtered = await (await get(`/audit-events?userId=${userId}&limit=500`)).json();
      expect(filtered.events.map((e: { type: string }) => e.type)).toEqual(walked.map((e) => e.type));

      // A deleted user's events are still there; an unknown id is an empty list, not a 404.
      expect(await (await get(`/users/${randomUUID()}/audit-events`)).json()).toEqual({ status: "OK", events: [] });

      for (const query of [
        "limit=0",
        "limit=501",
        "limit=2.5",
        "limit=abc",
        "limit=",
        "paginationToken=x%21",
        `paginationToken=${Buffer.from("u|1|x").toString("base64url")}`,
      ]) {
        for (const path of [`/audit-events?${query}`, `/users/${userId}/audit-events?${query}`]) {
          const response = await get(path);
          expect(response.status, path).toBe(400);
          expect((await response.json()).status, path).toBe("BAD_INPUT_ERROR");
        }
      }
      expect((await get(`/audit-events?userId=${"u".repeat(192)}`)).status).toBe(400);

      // Without a valid key: 401 and nothing read.
      for (const key of [null, `gh_${randomBytes(32).toString("base64url")}`, "gh_short"]) {
        for (const path of ["/audit-events", `/users/${userId}/audit-events`]) {
          const response = await get(path, key);
          expect(response.status, `${key} ${path}`).toBe(401);
          expect(await response.json()).toEqual({ message: "unauthorised" });
        }
      }
      // A signed-in user without the admin role is refused too.
      const member = client(d);
      await member.send("POST", "/api/auth/signin", { body: credentials(mail("paged"), "paged-Password1") });
      expect((await member.send("GET", `${A}/users/${userId}/audit-events`)).status).toBe(403);
    });

    auditRetentionFlows(setup);
  });
}
