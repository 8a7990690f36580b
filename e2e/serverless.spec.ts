// The serverless simulation (issue 11): every request goes to a fresh app process that answers it
// and is stopped, as when each request lands on a cold function instance. Nothing may live
// between requests but the database: the signing keys, the refresh-token rotation and the
// revocations must all be read back from it by the next cold process.
//
// Each process is a real `next start` of the production build (e2e/one-request-process.ts), not
// an imported route handler: that is the honest simulation (module loading, the Prisma client,
// the engine and its caches all start cold). A process costs about 2-3 s on this 2-core machine
// (most of it the cold start under test), so the 30 requests take one to two minutes.
import { expect, test } from "@playwright/test";
import { createHash } from "node:crypto";
import { rawQuery } from "../lib/store/testing/raw-query.mjs";
import { createTestDatabase, type TestDatabase } from "../scripts/test-db.mjs";
import { FdiBrowser, type FdiAnswer } from "./fdi-browser";
import { withOneRequestProcess } from "./one-request-process";
import { API_BASE, PASSWORD, freshEmail } from "./support";
import { ownPort } from "./own-server";

const PORT = ownPort("E2E_SERVERLESS_PORT", 3349);
const APP_ORIGIN = `http://localhost:${PORT}`;
const REQUESTS = 30;

let db: TestDatabase | undefined;

test.beforeAll(async () => {
  db = await createTestDatabase("sqlite");
});

test.afterAll(async () => {
  await db?.drop();
});

test(`${REQUESTS} requests, each to a fresh process: the user stays signed in and nothing is lost`, async () => {
  // Up to ~4 s per cold process on a loaded machine.
  test.setTimeout(REQUESTS * 8_000);
  const url = db!.url;
  const env = {
    E2E_DATABASE_URL: url,
    E2E_ORIGIN: APP_ORIGIN,
    // No token expires during the run: every refresh below is asked for, none is forced.
    E2E_ACCESS_TOKEN_TTL: "600",
  };
  let sent = 0;
  const once = (send: (origin: string) => Promise<FdiAnswer>) => {
    sent++;
    return withOneRequestProcess(PORT, env, send);
  };

  const email = freshEmail("serverless");
  const phone = new FdiBrowser(APP_ORIGIN);
  const laptop = new FdiBrowser(APP_ORIGIN);

  // 1: the account is made on the phone, which stays signed in.
  const signedUp = await once((o) => phone.signUp(o, email, PASSWORD));
  expect(signedUp.body.status, JSON.stringify(signedUp.body)).toBe("OK");
  const userId: string = signedUp.body.user.id;

  // 2: the laptop signs in; the rest of the run is the laptop's.
  const signedIn = await once((o) => laptop.signIn(o, email, PASSWORD));
  expect(signedIn.body.status, JSON.stringify(signedIn.body)).toBe("OK");
  expect(signedIn.body.user.id).toBe(userId);
  let laptopHandle: string | undefined;
  let phoneHandle: string | undefined;

  // Protected reads (from the token alone, and checked against the database) and refreshes.
  const steps: { name: string; send: (origin: string) => Promise<FdiAnswer>; check: (answer: FdiAnswer) => void }[] = [
    {
      name: "GET /api/me",
      send: (o) => laptop.me(o),
      check: (a) => {
        expect(a.body.userId).toBe(userId);
        laptopHandle ??= a.body.sessionHandle;
        expect(a.body.sessionHandle).toBe(laptopHandle);
      },
    },
    {
      name: "POST refresh",
      send: async (o) => {
        const before = { access: laptop.accessToken, refresh: laptop.refreshToken };
        const answer = await laptop.refresh(o);
        expect(laptop.accessToken, "a new access token").not.toBe(before.access);
        expect(laptop.refreshToken, "a new refresh token").not.toBe(before.refresh);
        return answer;
      },
      check: (a) => expect(a.body).toEqual({ status: "OK" }),
    },
    {
      name: "GET /api/me/session-data",
      send: (o) => laptop.send(o, "GET", "/api/me/session-data"),
      check: (a) => {
        expect(a.body.sessionHandle).toBe(laptopHandle);
        expect(a.body.sessionData).toEqual({ firstAction: "signin", method: "emailpassword" });
      },
    },
    {
      name: "GET /api/me/live (checkDatabase)",
      send: (o) => laptop.send(o, "GET", "/api/me/live"),
      check: (a) => expect(a.body).toEqual({ userId, sessionHandle: laptopHandle }),
    },
    {
      name: "GET my sessions",
      send: (o) => laptop.send(o, "GET", `${API_BASE}/user/sessions`),
      check: (a) => {
        const sessions: { sessionHandle: string; current: boolean }[] = a.body.sessions;
        expect(sessions).toHaveLength(2);
        expect(sessions.find((s) => s.current)?.sessionHandle).toBe(laptopHandle);
        phoneHandle ??= sessions.find((s) => !s.current)?.sessionHandle;
        expect(sessions.map((s) => s.sessionHandle)).toContain(phoneHandle);
      },
    },
  ];
  for (let i = 0; sent < REQUESTS - 1; i++) {
    const step = steps[i % steps.length];
    const answer = await once(step.send);
    expect(answer.status, `request ${sent} (${step.name}): ${JSON.stringify(answer.body)}`).toBe(200);
    step.check(answer);
  }

  // Before the last request: the session row holds the last rotation (a lost write would have
  // failed the next refresh already; this checks the final one too).
  const [row] = await rawQuery(url, `SELECT user_id, refresh_token_hash FROM sessions WHERE session_handle = '${laptopHandle}'`);
  expect(row).toEqual({ user_id: userId, refresh_token_hash: createHash("sha256").update(laptop.refreshToken!).digest("hex") });

  // 30: sign-out, in a process of its own like every other request.
  const signedOut = await once((o) => laptop.signOut(o));
  expect(signedOut.status, JSON.stringify(signedOut.body)).toBe(200);
  expect(laptop.accessToken).toBeUndefined();
  expect(sent).toBe(REQUESTS);

  // The laptop's session is gone and recorded as revoked; the user and the phone's session remain.
  const sessions = await rawQuery(url, `SELECT session_handle FROM sessions WHERE user_id = '${userId}'`);
  expect(sessions.map((s) => s.session_handle)).toEqual([phoneHandle]);
  const revoked = await rawQuery(url, `SELECT session_handle FROM session_revocations`);
  expect(revoked.map((r) => r.session_handle)).toEqual([laptopHandle]);
  const users = await rawQuery(url, `SELECT id FROM users WHERE email = '${email}'`);
  expect(users).toEqual([{ id: userId }]);
});
