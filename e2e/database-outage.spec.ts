// The database goes away under a production build (issue 9, fault behaviour): the integration
// suite (lib/http/fault.db.test.ts) proves the engine's answers; this proves them through
// `next build` + `next start`, where the engine context is created in instrumentation's bundle
// and the route handlers recognise its errors across bundles. A PostgreSQL database of the
// spec's own is dropped while the app runs, which closes every connection the app holds.
import { expect, test } from "@playwright/test";
import { createTestDatabase, type TestDatabase } from "../scripts/test-db.mjs";
import { FdiBrowser } from "./fdi-browser";
import { startOwnServer, type OwnServer, ownPort } from "./own-server";
import { PASSWORD, freshEmail } from "./support";

const PORT = ownPort("E2E_OUTAGE_PORT", 3281);
const ORIGIN = `http://localhost:${PORT}`;

let db: TestDatabase | undefined;
let server: OwnServer | undefined;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  db = await createTestDatabase("postgresql");
  // Access tokens outlive the test, so a 401 could only come from the outage, never from expiry.
  server = await startOwnServer(PORT, { E2E_DATABASE_URL: db.url, E2E_ACCESS_TOKEN_TTL: "600" }, 90_000);
});

test.afterAll(async () => {
  await server?.stop();
  await db?.drop();
});

test("database gone: tokens still verify, sign-in, sign-up and refresh answer 503 and touch no cookie", async () => {
  const browser = new FdiBrowser(ORIGIN);
  expect((await browser.signUp(ORIGIN, freshEmail("outage"), PASSWORD)).body.status).toBe("OK");
  expect((await browser.me(ORIGIN)).status).toBe(200);
  const tokens = { access: browser.accessToken, refresh: browser.refreshToken };

  await db!.drop();

  // Verification needs no database: the same token keeps working (the revocation sync fails and
  // the instance keeps its last known set, saying so in the log).
  const me = await browser.me(ORIGIN);
  expect(me.status, JSON.stringify(me.body)).toBe(200);

  for (const attempt of [
    () => browser.signIn(ORIGIN, freshEmail("outage-in"), PASSWORD),
    () => browser.signUp(ORIGIN, freshEmail("outage-up"), PASSWORD),
    () => browser.refresh(ORIGIN),
  ]) {
    const answer = await attempt();
    expect(answer.status, JSON.stringify(answer.body)).toBe(503);
    expect(answer.body).toMatchObject({ status: "SERVICE_UNAVAILABLE", code: "STORE_FAILED" });
    expect(Number(answer.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(answer.headers.getSetCookie()).toEqual([]);
  }
  // The client keeps its session: nothing was cleared or replaced.
  expect({ access: browser.accessToken, refresh: browser.refreshToken }).toEqual(tokens);
});
