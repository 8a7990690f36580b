import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { GatehouseConfig } from "../../auth/config";
import { decodeFrontToken } from "../../auth/session/front-token";
import type { createTestEngine } from "../../auth/testing/test-engine";
import { createAuthClient, credentials } from "./client";

export type MakeEngine = (config: GatehouseConfig) => Promise<ReturnType<typeof createTestEngine>>;

/**
 * The FDI flows over the real route table with real Request objects. Runs on in-memory stores
 * (routes.test.ts) and on SQLite, PostgreSQL and MariaDB (routes.db.test.ts).
 */
export function describeAuthFlows(name: string, makeEngine: MakeEngine): void {
  // Databases are shared by the whole file, so every test gets its own addresses.
  const engine = async () => {
    const suffix = randomUUID().slice(0, 8);
    const made = await makeEngine({
      setJwtPayload: () => ({ role: "admin" }),
      setSessionData: () => ({ secret: 1 }),
    });
    return { ...made, mail: (local: string) => `${local}-${suffix}@example.com` };
  };

  describe(name, () => {
    describe("FDI email+password endpoints", () => {
      it("sign-up sets HttpOnly cookies and a front-token carrying the hook's payload", async () => {
        const { ctx, mail } = await engine();
        const client = createAuthClient(ctx);
        const response = await client.send("POST", "/api/auth/signup", { body: credentials(mail("a"), "fixture-pw-1") });
        expect(response.status).toBe(200);
        const body = await response.json();
        expect(body).toMatchObject({ status: "OK", user: { emails: [mail("a")], loginMethods: [{ recipeId: "emailpassword" }] } });
        const cookies = response.headers.getSetCookie();
        expect(cookies.find((c) => c.startsWith("sAccessToken="))).toMatch(/Path=\/;.*HttpOnly.*SameSite=Lax/);
        expect(cookies.find((c) => c.startsWith("sRefreshToken="))).toMatch(/Path=\/api\/auth\/session\/refresh;.*HttpOnly/);
        expect(cookies.join()).not.toContain("Secure"); // http origin
        const front = decodeFrontToken(response.headers.get("front-token")!);
        expect(front.uid).toBe(body.user.id);
        expect(front.up.role).toBe("admin");
        // Session data never leaves the server.
        const everything = JSON.stringify([...response.headers.entries()]) + JSON.stringify(body);
        expect(everything).not.toContain("secret");
      });

      it("sign-in with wrong password and unknown email answer the same", async () => {
        const { ctx, mail } = await engine();
        const client = createAuthClient(ctx);
        await client.send("POST", "/api/auth/signup", { body: credentials(mail("a"), "fixture-pw-1") });
        const wrong = await client.send("POST", "/api/auth/signin", { body: credentials(mail("a"), "fixture-pw-2") });
        const unknown = await client.send("POST", "/api/auth/signin", { body: credentials(mail("b"), "fixture-pw-2") });
        expect(wrong.status).toBe(200);
        expect(await wrong.json()).toEqual({ status: "WRONG_CREDENTIALS_ERROR" });
        expect(await unknown.json()).toEqual({ status: "WRONG_CREDENTIALS_ERROR" });
        expect(wrong.headers.getSetCookie()).toEqual([]);
      });

      it("email exists", async () => {
        const { ctx, mail } = await engine();
        const client = createAuthClient(ctx);
        await client.send("POST", "/api/auth/signup", { body: credentials(mail("a"), "fixture-pw-1") });
        const yes = await client.send("GET", `/api/auth/emailpassword/email/exists?email=${encodeURIComponent(mail("a").toUpperCase())}`);
        expect(await yes.json()).toEqual({ status: "OK", exists: true });
        const no = await client.send("GET", `/api/auth/emailpassword/email/exists?email=${encodeURIComponent(mail("z"))}`);
        expect(await no.json()).toEqual({ status: "OK", exists: false });
        expect((await client.send("GET", "/api/auth/emailpassword/email/exists")).status).toBe(400);
      });

      it("email exists switched off answers 404 for known and unknown emails alike", async () => {
        const { ctx } = await makeEngine({ emailPassword: { emailExistsEndpoint: false } });
        const client = createAuthClient(ctx);
        const email = `known-${randomUUID().slice(0, 8)}@example.com`;
        expect((await client.send("POST", "/api/auth/signup", { body: credentials(email, "fixture-pw-1") })).status).toBe(200);
        for (const probe of [email, `unknown-${randomUUID().slice(0, 8)}@example.com`]) {
          const answer = await client.send("GET", `/api/auth/emailpassword/email/exists?email=${encodeURIComponent(probe)}`);
          expect(answer.status).toBe(404);
          expect(await answer.json()).toEqual({ message: "not found" });
        }
      });

      it("header mode returns tokens in headers, not cookies", async () => {
        const { ctx, mail } = await engine();
        const client = createAuthClient(ctx);
        const response = await client.send("POST", "/api/auth/signup", {
          body: credentials(mail("a"), "fixture-pw-1"),
          headers: { "st-auth-mode": "header" },
        });
        expect(response.headers.get("st-access-token")).toMatch(/^ey/);
        expect(response.headers.get("st-refresh-token")).toMatch(/^v1\./);
        expect(response.headers.getSetCookie()).toEqual([]);
        const refreshed = await client.send("POST", "/api/auth/session/refresh", {
          headers: { authorization: `Bearer ${response.headers.get("st-refresh-token")}`, "st-auth-mode": "header" },
          cookies: false,
        });
        expect(refreshed.status).toBe(200);
        expect(refreshed.headers.get("st-refresh-token")).not.toBe(response.headers.get("st-refresh-token"));
      });
    });

    describe("concurrency", () => {
      it("a duplicate sign-up race yields one user and FIELD_ERROR for the others", async () => {
        const { ctx, mail } = await engine();
        const attempts = await Promise.all(
          Array.from({ length: 8 }, () =>
            createAuthClient(ctx).send("POST", "/api/auth/signup", { body: credentials(mail("race"), "fixture-pw-1") }),
          ),
        );
        const bodies = await Promise.all(attempts.map((r) => r.json()));
        expect(attempts.every((r) => r.status === 200)).toBe(true);
        expect(bodies.filter((b) => b.status === "OK")).toHaveLength(1);
        const others = bodies.filter((b) => b.status !== "OK");
        expect(others).toHaveLength(7);
        for (const other of others) expect(other).toMatchObject({ status: "FIELD_ERROR", formFields: [{ id: "email" }] });
        const signIn = await createAuthClient(ctx).send("POST", "/api/auth/signin", { body: credentials(mail("race"), "fixture-pw-1") });
        expect((await signIn.json()).user.id).toBe(bodies.find((b) => b.status === "OK").user.id);
      });

      it("parallel refreshes with one refresh token all succeed (tabs refreshing at once)", async () => {
        const { ctx, mail } = await engine();
        const client = createAuthClient(ctx);
        await client.send("POST", "/api/auth/signup", { body: credentials(mail("tabs"), "fixture-pw-1") });
        const cookie = `sRefreshToken=${client.jar.get("sRefreshToken")!.value}`;
        const results = await Promise.all(
          Array.from({ length: 4 }, () => createAuthClient(ctx).send("POST", "/api/auth/session/refresh", { headers: { cookie }, cookies: false })),
        );
        expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200]);
        const children = new Set(results.map((r) => r.headers.getSetCookie().find((c) => c.startsWith("sRefreshToken="))));
        expect(children.size).toBe(1);
      });
    });

    describe("session endpoints", () => {
      it("refresh rotates cookies; a replay after the grace window is theft and clears everything", async () => {
        const { ctx, clock, mail } = await engine();
        const client = createAuthClient(ctx);
        await client.send("POST", "/api/auth/signup", { body: credentials(mail("a"), "fixture-pw-1") });
        const firstRefresh = client.jar.get("sRefreshToken")!.value;
        const ok = await client.send("POST", "/api/auth/session/refresh");
        expect(ok.status).toBe(200);
        expect(ok.headers.get("front-token")).toBeTruthy();
        const secondRefresh = client.jar.get("sRefreshToken")!.value;
        expect(secondRefresh).not.toBe(firstRefresh);
        clock.advanceSeconds(11);
        const replay = await client.send("POST", "/api/auth/session/refresh", {
          headers: { cookie: `sRefreshToken=${firstRefresh}` },
          cookies: false,
        });
        expect(replay.status).toBe(401);
        expect(await replay.json()).toEqual({ message: "unauthorised" });
        expect(replay.headers.get("front-token")).toBe("remove");
        const newest = await client.send("POST", "/api/auth/session/refresh", {
          headers: { cookie: `sRefreshToken=${secondRefresh}` },
          cookies: false,
        });
        expect(newest.status).toBe(401);
      });

      it("anti-CSRF: refresh and sign-out with cookies need the rid header and a same-origin Origin", async () => {
        const { ctx, mail } = await engine();
        const client = createAuthClient(ctx);
        await client.send("POST", "/api/auth/signup", { body: credentials(mail("a"), "fixture-pw-1") });
        const noRid = await client.send("POST", "/api/auth/session/refresh", { headers: { rid: null } });
        expect(noRid.status).toBe(401);
        const foreign = await client.send("POST", "/api/auth/session/refresh", { headers: { origin: "https://evil.example" } });
        expect(foreign.status).toBe(401);
        const foreignSignOut = await client.send("POST", "/api/auth/signout", { headers: { origin: "https://evil.example" } });
        expect(foreignSignOut.status).toBe(401);
        const foreignSignIn = await client.send("POST", "/api/auth/signin", {
          body: credentials(mail("a"), "fixture-pw-1"),
          headers: { origin: "https://evil.example" },
        });
        expect(foreignSignIn.status).toBe(403);
        expect((await client.send("POST", "/api/auth/session/refresh")).status).toBe(200);
      });

      it("sign-out revokes the session and clears cookies", async () => {
        const { ctx, stores, mail } = await engine();
        const client = createAuthClient(ctx);
        const up = await client.send("POST", "/api/auth/signup", { body: credentials(mail("a"), "fixture-pw-1") });
        const handle = decodeFrontToken(up.headers.get("front-token")!).up.sessionHandle as string;
        const refreshToken = client.jar.get("sRefreshToken")!.value;
        const out = await client.send("POST", "/api/auth/signout");
        expect(out.status).toBe(200);
        expect(out.headers.get("front-token")).toBe("remove");
        expect(client.jar.size).toBe(0);
        expect(await stores.sessions.getSession(handle)).toBeNull();
        const after = await client.send("POST", "/api/auth/session/refresh", {
          headers: { cookie: `sRefreshToken=${refreshToken}` },
          cookies: false,
        });
        expect(after.status).toBe(401);
      });

      it("serves the JWKS without private parts", async () => {
        const { ctx } = await engine();
        const client = createAuthClient(ctx);
        const response = await client.send("GET", "/api/auth/jwt/jwks.json");
        const body = await response.json();
        expect(body.keys).toHaveLength(1);
        expect(body.keys[0]).toMatchObject({ kty: "RSA", alg: "RS256", use: "sig" });
        expect(body.keys[0].d).toBeUndefined();
      });
    });
  });
}
