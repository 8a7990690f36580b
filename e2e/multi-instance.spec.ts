// Many instances on one database (issue 11): three `next start` processes, A, B and C, share one
// PostgreSQL, MariaDB or SQLite database (one file), as they would behind a load balancer. The
// three are started once per database, together, on a database nobody has migrated yet: each
// runs the migrator at start (scripts/e2e-server.mjs), so their start also exercises migrations
// racing each other. Every check then runs against the same three processes.
import { expect, test } from "@playwright/test";
import { execFile } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import { rawQuery } from "../lib/store/testing/raw-query.mjs";
import { hermeticEnv } from "../scripts/hermetic-env.mjs";
import { createTestDatabase, TEST_PROVIDERS, type TestDatabase } from "../scripts/test-db.mjs";
import { FdiBrowser } from "./fdi-browser";
import { startOwnServer, type OwnServer, ownPort } from "./own-server";
import { API_BASE, PASSWORD, freshEmail } from "./support";

/** Nine ports from here: three per database, so the variants could run side by side. */
const FIRST_PORT = ownPort("E2E_MULTI_INSTANCE_PORT", 3331);
/** The secret every instance shares, and the CLI needs to seal a key they can all open. */
const SECRET = "5ec2e75ec2e75ec2".repeat(4);
/**
 * Access tokens far outlive every bounded wait below, so a token refused within one can only
 * have been refused by the revocation set, never by its expiry.
 */
const ACCESS_TOKEN_TTL_S = 600;
/** Longer than the default revocation sync interval (1 s) with room for a loaded machine. */
const REVOCATION_WAIT_MS = 15_000;

/** `gatehouse apikeys create` (lib/cli) on `databaseUrl`, as an operator would run it: the key. */
async function createApiKeyWithCli(databaseUrl: string): Promise<string> {
  const env = hermeticEnv({ DATABASE_URL: databaseUrl, GATEHOUSE_SECRET: SECRET, NODE_ENV: "production" });
  const { stdout } = await promisify(execFile)(process.execPath, ["lib/cli/run.mjs", "apikeys", "create", "multi-instance"], { env });
  const key = stdout.trim();
  if (!key.startsWith("gh_")) throw new Error(`apikeys create printed no key: ${stdout}`);
  return key;
}

const kidOf = (token: string | undefined) => decodeProtectedHeader(token ?? "").kid;

for (const [index, provider] of TEST_PROVIDERS.entries()) {
  test.describe(`three instances on one ${provider} database`, () => {
    const ports = [0, 1, 2].map((i) => FIRST_PORT + 3 * index + i);
    const [A, B, C] = ports.map((port) => `http://localhost:${port}`);
    // The public origin all instances are configured with (here A's address): cookies, the
    // Origin check and the tokens' issuer must agree across instances.
    const APP_ORIGIN = A;
    let db: TestDatabase | undefined;
    let servers: OwnServer[] = [];
    const url = () => db!.url;

    test.beforeAll(async () => {
      // Three cold starts and migrations on two shared cores.
      test.setTimeout(240_000);
      db = await createTestDatabase(provider, { migrate: false });
      const env = {
        E2E_DATABASE_URL: db.url,
        E2E_ORIGIN: APP_ORIGIN,
        E2E_ACCESS_TOKEN_TTL: String(ACCESS_TOKEN_TTL_S),
        E2E_GATEHOUSE_SECRET: SECRET,
        // The shared rate-limit store (issue 11): counters in the database, not per process.
        E2E_GATEHOUSE_RATE_LIMIT_STORE: "database",
      };
      const started = await Promise.allSettled(ports.map((port) => startOwnServer(port, env, 180_000)));
      servers = started.flatMap((s) => (s.status === "fulfilled" ? [s.value] : []));
      const failed = started.find((s) => s.status === "rejected");
      if (failed) throw failed.reason;
    });

    test.afterAll(async () => {
      await Promise.all(servers.map((s) => s.stop()));
      await db?.drop();
    });

    test("the instances, started together, migrated the database once and agree on one signing key", async () => {
      const committed = fs
        .readdirSync(path.join("prisma", provider, "migrations"), { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name);
      const applied = await rawQuery(url(), "SELECT migration_name FROM _prisma_migrations WHERE rolled_back_at IS NULL");
      expect(applied.map((row) => row.migration_name).sort()).toEqual(committed.sort());
      expect(await rawQuery(url(), "SELECT COUNT(*) AS n FROM signing_keys").then((r) => Number(r[0].n))).toBe(0);
      // Every instance is still cold: asked at the same moment, each would make a key.
      const answers = await Promise.all([A, B, C, A, B, C].map((origin) => fetch(`${origin}/.well-known/jwks.json`).then((r) => r.json())));
      const kids = new Set(answers.flatMap((a: { keys: { kid: string }[] }) => a.keys.map((k) => k.kid)));
      expect(kids.size).toBe(1);
      expect(await rawQuery(url(), "SELECT COUNT(*) AS n FROM signing_keys").then((r) => Number(r[0].n))).toBe(1);
    });

    test("sign in through A, refresh through B, sign out through C", async () => {
      const email = freshEmail(`mi-${provider}`);
      expect((await new FdiBrowser(APP_ORIGIN).signUp(A, email, PASSWORD)).body.status).toBe("OK");

      const browser = new FdiBrowser(APP_ORIGIN);
      const signedIn = await browser.signIn(A, email, PASSWORD);
      expect(signedIn.status, JSON.stringify(signedIn.body)).toBe(200);
      expect(signedIn.body.status).toBe("OK");
      const userId: string = signedIn.body.user.id;
      const me = await browser.me(B);
      expect(me.status, JSON.stringify(me.body)).toBe(200);
      expect(me.body.userId).toBe(userId);
      const handle: string = me.body.sessionHandle;

      const before = { access: browser.accessToken, refresh: browser.refreshToken };
      const refreshed = await browser.refresh(B);
      expect(refreshed.status, JSON.stringify(refreshed.body)).toBe(200);
      expect(browser.accessToken).toBeTruthy();
      expect(browser.accessToken).not.toBe(before.access);
      expect(browser.refreshToken).not.toBe(before.refresh);
      // The refreshed session is the same one, on every instance.
      for (const instance of [A, B, C]) {
        const answer = await browser.me(instance);
        expect(answer.status, `${instance}: ${JSON.stringify(answer.body)}`).toBe(200);
        expect(answer.body).toMatchObject({ userId, sessionHandle: handle });
      }

      const kept = browser.clone();
      const signedOut = await browser.signOut(C);
      expect(signedOut.status, JSON.stringify(signedOut.body)).toBe(200);
      expect(signedOut.body.status).toBe("OK");
      expect(browser.accessToken).toBeUndefined();
      expect(browser.refreshToken).toBeUndefined();
      const rows = await rawQuery(url(), `SELECT COUNT(*) AS n FROM sessions WHERE session_handle = '${handle}'`);
      expect(Number(rows[0].n)).toBe(0);
      // A copy of the signed-out tokens is refused everywhere: C at once, A and B once synced.
      expect((await kept.me(C)).status).toBe(401);
      for (const instance of [A, B]) {
        await expect.poll(async () => (await kept.me(instance)).status, { timeout: REVOCATION_WAIT_MS, intervals: [100] }).toBe(401);
      }
      expect((await kept.refresh(B)).status).toBe(401);
    });

    test("a session revoked on A is refused on B and C after their next sync, without checkDatabase", async () => {
      const email = freshEmail(`mi-revoke-${provider}`);
      const laptop = new FdiBrowser(APP_ORIGIN);
      expect((await laptop.signUp(A, email, PASSWORD)).body.status).toBe("OK");
      const phone = new FdiBrowser(APP_ORIGIN);
      expect((await phone.signIn(B, email, PASSWORD)).body.status).toBe("OK");
      // Both sessions are good on B and C (which have therefore synced their revocation sets).
      for (const instance of [B, C]) {
        for (const device of [laptop, phone]) expect((await device.me(instance)).status).toBe(200);
      }
      const phoneHandle: string = (await phone.me(C)).body.sessionHandle;

      // On A, the laptop signs the phone out (the "my sessions" page does this).
      const revoked = await laptop.send(A, "POST", `${API_BASE}/user/sessions/revoke`, { body: { sessionHandle: phoneHandle } });
      expect(revoked.status, JSON.stringify(revoked.body)).toBe(200);
      expect(revoked.body).toEqual({ status: "OK", revoked: [phoneHandle] });

      // /api/me verifies from the token alone (no checkDatabase): only the revocation set can
      // refuse a token that has minutes left to live.
      expect((await phone.me(A)).status).toBe(401);
      for (const instance of [B, C]) {
        await expect.poll(async () => (await phone.me(instance)).status, { timeout: REVOCATION_WAIT_MS, intervals: [100] }).toBe(401);
        // Only that session: the laptop's is untouched.
        expect((await laptop.me(instance)).status).toBe(200);
      }
    });

    test("failed sign-ins counted through A lock the account on B", async () => {
      const email = freshEmail(`mi-limit-${provider}`);
      expect((await new FdiBrowser(APP_ORIGIN).signUp(A, email, PASSWORD)).body.status).toBe("OK");
      const attacker = new FdiBrowser(APP_ORIGIN);
      // Wrong passwords through A until A refuses (the per-account limit: no proxy is declared,
      // so the client's address is unknown and the account's count is shared by every client).
      // The bound is far above the default of 10 failures.
      let failures = 0;
      for (;;) {
        const answer = await attacker.signIn(A, email, "Wrong-Password-99");
        if (answer.status === 429) break;
        expect(answer.body.status, JSON.stringify(answer.body)).toBe("WRONG_CREDENTIALS_ERROR");
        expect(++failures, "A never limited the failed sign-ins").toBeLessThan(100);
      }
      // The right password through B is refused too: the count is shared, not per instance.
      const onB = await new FdiBrowser(APP_ORIGIN).signIn(B, email, PASSWORD);
      expect(onB.status, JSON.stringify(onB.body)).toBe(429);
      expect(Number(onB.headers.get("retry-after"))).toBeGreaterThan(0);
    });

    test("a key rotated on A (admin API) is used by A at once, verifies on C and is in C's JWKS", async () => {
      const browser = new FdiBrowser(APP_ORIGIN);
      expect((await browser.signUp(A, freshEmail(`mi-keys-${provider}`), PASSWORD)).body.status).toBe("OK");
      const oldKid = kidOf(browser.accessToken);
      // C has loaded the key set from before the rotation.
      expect((await browser.me(C)).status).toBe(200);
      const jwksBefore = await fetch(`${C}${API_BASE}/jwt/jwks.json`).then((r) => r.json());

      const key = await createApiKeyWithCli(url());
      const rotation = await fetch(`${A}${API_BASE}/admin/keys/rotate`, {
        method: "POST",
        headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
        body: "{}",
      });
      const rotated = await rotation.json();
      expect(rotation.status, JSON.stringify(rotated)).toBe(200);
      const newKid = rotated.kid;
      expect(newKid).not.toBe(oldKid);
      expect(jwksBefore.keys.map((k: { kid: string }) => k.kid)).not.toContain(newKid);

      // A signs with the new key from its next token on.
      const refreshed = await browser.refresh(A);
      expect(refreshed.status, JSON.stringify(refreshed.body)).toBe(200);
      expect(kidOf(browser.accessToken)).toBe(newKid);

      // C meets an unknown kid and re-reads the keys, at most once a second (a flood of random
      // kids must not reach the database): within that, "try refresh token", never a sign-out.
      let onC = await browser.me(C);
      await expect.poll(async () => (onC = await browser.me(C)).status, { timeout: 15_000, intervals: [500] }).toBe(200);
      const jwks = await fetch(`${C}${API_BASE}/jwt/jwks.json`).then((r) => r.json());
      expect(jwks.keys.map((k: { kid: string }) => k.kid)).toContain(newKid);
      // A verifier elsewhere that trusts C's JWKS accepts A's new token.
      const { payload } = await jwtVerify(browser.accessToken!, createLocalJWKSet(jwks));
      expect(payload.sub).toBe(onC.body.userId);
    });
  });
}
