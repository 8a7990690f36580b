import { randomBytes, randomUUID } from "node:crypto";
import { decodeProtectedHeader } from "jose";
import { describe, expect, it } from "vitest";
import { createApiKey, listApiKeys, revokeApiKey } from "../../auth/apikeys/api-keys";
import type { MakeEngine } from "./auth-flows";
import { createAuthClient, credentials } from "./client";

const A = "/api/auth/admin";

/**
 * The admin API over HTTP: API-key and admin-session access, users, sessions. Runs on in-memory
 * stores (admin.test.ts) and on SQLite, PostgreSQL and MariaDB (admin.db.test.ts).
 */
export function describeAdminFlows(name: string, makeEngine: MakeEngine): void {
  async function setup() {
    const made = await makeEngine({});
    const { ctx } = made;
    const tag = `ad${randomUUID().slice(0, 8)}`;
    const mail = (local: string) => `${tag}-${local}@example.com`;
    await ctx.stores.roles.createRoleOrAddPermissions("admin", []);
    const admin = createAuthClient(ctx);
    const adminUp = await (await admin.send("POST", "/api/auth/signup", { body: credentials(mail("admin"), "fixture-pw-1") })).json();
    await ctx.stores.roles.addRoleToUser(adminUp.user.id, "admin");
    const created = await createApiKey(ctx, { name: `ci ${tag}`, expiresAt: new Date(ctx.now().getTime() + 3600_000) });
    if (created.status !== "OK") throw new Error(created.status);
    /** A client as a script would be: no cookies, no Origin, no rid, only the key. */
    const withKey = (key: string) => (method: string, path: string, body?: unknown) =>
      createAuthClient(ctx).send(method, `${A}${path}`, {
        body,
        cookies: false,
        headers: { origin: null, rid: null, authorization: `Bearer ${key}` },
      });
    async function member(local: string) {
      const client = createAuthClient(ctx);
      const up = await (await client.send("POST", "/api/auth/signup", { body: credentials(mail(local), "fixture-pw-1") })).json();
      return { client, id: up.user.id as string, email: mail(local) };
    }
    return {
      ...made,
      tag,
      mail,
      admin,
      adminId: adminUp.user.id as string,
      key: created.key,
      keyId: created.apiKey.id,
      api: withKey(created.key),
      withKey,
      member,
    };
  }

  describe(name, () => {
    it("API keys: a valid key opens the admin API without cookies or CSRF headers; wrong, revoked and expired keys get 401", async () => {
      const { ctx, clock, api, withKey, keyId, member, mail } = await setup();
      const doomed = await member("doomed");
      expect((await api("GET", `/users?email=${encodeURIComponent(mail(""))}`)).status).toBe(200);
      // A state-changing call with no Origin and no rid: a key is no cookie, so no CSRF check.
      expect(await (await api("DELETE", `/users/${doomed.id}`)).json()).toEqual({ status: "OK", didUserExist: true });
      expect((await listApiKeys(ctx)).find((k) => k.id === keyId)?.lastUsedAt).toEqual(ctx.now());

      const unknown = await withKey(`gh_${randomBytes(32).toString("base64url")}`)("GET", "/users");
      expect(unknown.status).toBe(401);
      expect(unknown.headers.get("www-authenticate")).toContain("invalid_token");
      expect(await unknown.json()).toEqual({ message: "unauthorised" });
      expect((await withKey("gh_short")("GET", "/users")).status).toBe(401);
      // A bearer value without the prefix is an access token, and this one is not valid.
      expect((await withKey("not-a-key")("GET", "/users")).status).toBe(401);

      const shortLived = await createApiKey(ctx, { name: "short", expiresAt: new Date(ctx.now().getTime() + 60_000) });
      if (shortLived.status !== "OK") throw new Error("key");
      expect((await withKey(shortLived.key)("GET", "/users/count")).status).toBe(200);
      clock.advanceSeconds(61);
      expect((await withKey(shortLived.key)("GET", "/users/count")).status).toBe(401);

      // An expiry no database can hold (past the year 9999) is refused: PostgreSQL took it and
      // then read it back as an invalid date, so listing the keys (`apikeys list`) threw from then on.
      const farFuture = new Date(Date.UTC(10240, 0, 1));
      expect(await createApiKey(ctx, { name: "far", expiresAt: farFuture })).toEqual({ status: "INVALID_EXPIRY_ERROR" });
      const latest = await createApiKey(ctx, { name: "latest", expiresAt: new Date(Date.UTC(9999, 11, 31)) });
      expect(latest.status).toBe("OK");
      expect((await listApiKeys(ctx)).every((k) => k.expiresAt === null || !Number.isNaN(k.expiresAt.getTime()))).toBe(true);

      expect((await api("GET", "/users/count")).status).toBe(200);
      expect(await revokeApiKey(ctx, keyId)).toEqual({ status: "OK", didKeyExist: true });
      expect((await api("GET", "/users/count")).status).toBe(401);
      expect((await api("GET", "/roles")).status).toBe(401);
    });

    it("admin sessions: cookie sessions need the CSRF headers for changes; header-mode access tokens work; others get 403/401", async () => {
      const { ctx, admin, member, mail } = await setup();
      const someone = await member("someone");
      // The role was granted after sign-up, so the token does not carry it; the admin API
      // reads roles from the database, so the session is admitted at once.
      expect((await admin.send("GET", `${A}/users/${someone.id}`)).status).toBe(200);
      expect((await admin.send("POST", `${A}/users/${someone.id}/email/verify`, { headers: { rid: null } })).status).toBe(401);
      expect((await admin.send("POST", `${A}/users/${someone.id}/email/verify`)).status).toBe(200);

      const headerMode = await createAuthClient(ctx).send("POST", "/api/auth/signin", {
        body: credentials(mail("admin"), "fixture-pw-1"),
        headers: { "st-auth-mode": "header" },
      });
      const accessToken = headerMode.headers.get("st-access-token")!;
      const viaHeader = await createAuthClient(ctx).send("GET", `${A}/users/count`, {
        cookies: false,
        headers: { origin: null, rid: null, authorization: `Bearer ${accessToken}` },
      });
      expect(viaHeader.status).toBe(200);

      const denied = await someone.client.send("GET", `${A}/users`);
      expect(denied.status).toBe(403);
      expect(await denied.json()).toMatchObject({ message: "invalid claim" });
      expect((await createAuthClient(ctx).send("GET", `${A}/users`)).status).toBe(401);
    });

    it("users: pages newest and oldest first, counts, searches by prefix and method, gets, verifies, sets a password, deletes", async () => {
      const { ctx, clock, api, member, mail, tag } = await setup();
      const made = [];
      for (const local of ["u1", "u2", "u3", "u4", "u5"]) {
        clock.advanceSeconds(1);
        made.push(await member(local));
      }
      const prefix = encodeURIComponent(`${tag}-u`);
      const page1 = await (await api("GET", `/users?email=${prefix}&limit=2`)).json();
      expect(page1.users.map((u: { email: string }) => u.email)).toEqual([mail("u5"), mail("u4")]);
      const page2 = await (await api("GET", `/users?email=${prefix}&limit=2&paginationToken=${page1.nextPaginationToken}`)).json();
      const page3 = await (await api("GET", `/users?email=${prefix}&limit=2&paginationToken=${page2.nextPaginationToken}`)).json();
      expect([...page1.users, ...page2.users, ...page3.users].map((u: { id: string }) => u.id)).toEqual(made.map((m) => m.id).reverse());
      expect(page3.nextPaginationToken).toBeUndefined();
      const oldest = await (await api("GET", `/users?email=${prefix}&order=oldest&limit=10`)).json();
      expect(oldest.users.map((u: { id: string }) => u.id)).toEqual(made.map((m) => m.id));
      expect(oldest.users[0]).toMatchObject({ emailVerified: false, loginMethods: [{ recipeId: "emailpassword", email: mail("u1") }] });
      expect(typeof oldest.users[0].timeJoined).toBe("number");
      // Upper case and spaces are normalised away, as emails are.
      expect(await (await api("GET", `/users/count?email=${encodeURIComponent(` ${tag.toUpperCase()}-U`)}`)).json()).toEqual({
        status: "OK",
        count: 5,
      });
      expect(await (await api("GET", `/users/count?email=${prefix}&method=thirdparty`)).json()).toEqual({ status: "OK", count: 0 });
      expect((await api("GET", `/users?paginationToken=${page1.nextPaginationToken}&order=oldest`)).status).toBe(400);

      const target = made[0];
      expect(await (await api("POST", `/users/${target.id}/email/verify`)).json()).toEqual({ status: "OK" });
      expect((await (await api("GET", `/users/${target.id}`)).json()).user.emailVerified).toBe(true);
      expect(await (await api("POST", `/users/${target.id}/password`, { password: "short" })).json()).toMatchObject({
        status: "PASSWORD_POLICY_VIOLATED_ERROR",
      });
      expect(await (await api("POST", `/users/${target.id}/password`, { password: "newpassword2" })).json()).toEqual({ status: "OK" });
      const signIn = (password: string) => createAuthClient(ctx).send("POST", "/api/auth/signin", { body: credentials(target.email, password) });
      expect(await (await signIn("fixture-pw-1")).json()).toEqual({ status: "WRONG_CREDENTIALS_ERROR" });
      expect((await (await signIn("newpassword2")).json()).status).toBe("OK");
      expect(await (await api("DELETE", `/users/${target.id}`)).json()).toEqual({ status: "OK", didUserExist: true });
      expect((await api("GET", `/users/${target.id}`)).status).toBe(404);
      expect(await (await api("DELETE", `/users/${target.id}`)).json()).toEqual({ status: "OK", didUserExist: false });
      expect(await (await api("GET", `/users/count?email=${prefix}`)).json()).toEqual({ status: "OK", count: 4 });
    });

    it("sessions: lists a user's sessions, revokes one (its refresh then fails) or all; never another user's", async () => {
      const { ctx, clock, api, member, admin } = await setup();
      const user = await member("multi");
      clock.advanceSeconds(1);
      const second = createAuthClient(ctx);
      await second.send("POST", "/api/auth/signin", { body: credentials(user.email, "fixture-pw-1"), headers: { "user-agent": "Second" } });
      const listed = await (await api("GET", `/users/${user.id}/sessions`)).json();
      expect(listed.sessions).toHaveLength(2);
      expect(listed.sessions[1]).toMatchObject({ userAgent: "Second", ip: null });
      const [first, other] = listed.sessions.map((s: { sessionHandle: string }) => s.sessionHandle);

      const adminSessions = await (await admin.send("GET", "/api/auth/user/sessions")).json();
      const foreign = adminSessions.sessions[0].sessionHandle;
      expect((await api("POST", `/users/${user.id}/sessions/revoke`, { sessionHandle: foreign })).status).toBe(404);
      expect((await admin.send("GET", "/api/auth/user/sessions")).status).toBe(200);

      expect(await (await api("POST", `/users/${user.id}/sessions/revoke`, { sessionHandle: other })).json()).toEqual({
        status: "OK",
        revoked: [other],
      });
      expect((await second.send("POST", "/api/auth/session/refresh")).status).toBe(401);
      expect((await user.client.send("POST", "/api/auth/session/refresh")).status).toBe(200);
      expect(await (await api("POST", `/users/${user.id}/sessions/revoke`, { all: true })).json()).toEqual({ status: "OK", revoked: [first] });
      expect((await user.client.send("POST", "/api/auth/session/refresh")).status).toBe(401);
      expect(await (await api("GET", `/users/${user.id}/sessions`)).json()).toEqual({ status: "OK", sessions: [] });
    });

    it("keys/rotate: the answering instance signs with the new key at once and serves it in the JWKS; members get 403", async () => {
      const { ctx, api, member, admin } = await setup();
      const someone = await member("rotator");
      const kidOf = (client: { jar: Map<string, { value: string }> }) => decodeProtectedHeader(client.jar.get("sAccessToken")!.value).kid;
      const before = kidOf(someone.client);
      expect((await someone.client.send("POST", `${A}/keys/rotate`, { body: {} })).status).toBe(403);
      for (const body of [undefined, [], { retireOldKeys: "yes" }, { retireOldKeys: true, extra: 1 }]) {
        expect((await api("POST", "/keys/rotate", body)).status, JSON.stringify(body)).toBe(400);
      }
      const rotated = await (await api("POST", "/keys/rotate", {})).json();
      expect(rotated).toMatchObject({ status: "OK", retired: [] });
      expect(rotated.kid).not.toBe(before);
      const jwks = await (await createAuthClient(ctx).send("GET", "/api/auth/jwt/jwks.json")).json();
      expect(jwks.keys.map((k: { kid: string }) => k.kid)).toEqual(expect.arrayContaining([before, rotated.kid]));
      expect((await someone.client.send("POST", "/api/auth/session/refresh")).status).toBe(200);
      expect(kidOf(someone.client)).toBe(rotated.kid);
      // Retiring: the old keys stop verifying, so the admin's own older token asks for a refresh.
      const retired = await (await api("POST", "/keys/rotate", { retireOldKeys: true })).json();
      expect(retired.retired).toEqual(expect.arrayContaining([rotated.kid]));
      expect((await admin.send("GET", `${A}/users/count`)).status).toBe(401);
    });

    it("bad input is 400, unknown users 404, and the sign-up chart covers 30 days", async () => {
      const { ctx, api } = await setup();
      const nobody = randomUUID();
      for (const query of [
        "limit=0",
        "limit=501",
        "limit=x",
        "order=sideways",
        "method=ldap",
        `email=${"a".repeat(256)}`,
        "paginationToken=%25%25",
      ]) {
        expect((await api("GET", `/users?${query}`)).status, query).toBe(400);
      }
      expect((await api("POST", `/users/${nobody}/password`, { password: "newpassword2", extra: 1 })).status).toBe(400);
      expect((await api("POST", `/users/${nobody}/sessions/revoke`, {})).status).toBe(400);
      expect((await api("GET", `/users/${nobody}`)).status).toBe(404);
      expect((await api("GET", `/users/${nobody}/sessions`)).status).toBe(404);
      expect((await api("POST", `/users/${nobody}/email/verify`)).status).toBe(404);
      expect((await api("POST", `/users/${nobody}/password`, { password: "newpassword2" })).status).toBe(404);
      expect((await api("POST", `/users/${nobody}/sessions/revoke`, { all: true })).status).toBe(404);
      const stats = await (await api("GET", "/stats/signups")).json();
      expect(stats.days).toHaveLength(30);
      expect(stats.days.at(-1)).toMatchObject({ day: ctx.now().toISOString().slice(0, 10) });
      expect(stats.days.at(-1).count).toBeGreaterThanOrEqual(1);
      expect((await api("GET", "/stats/signups?days=0")).status).toBe(400);
    });
  });
}
