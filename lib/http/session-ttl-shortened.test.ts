// The refresh-token lifetime shortened by a deploy (100 days to 1 day), as a browser meets it: a
// session idle past the new lifetime is answered as an expired one (401 unauthorised, its
// cookies cleared), and the user's "my sessions" list no longer shows it.
import { describe, expect, it } from "vitest";
import { createApiKey } from "../auth/apikeys/api-keys";
import { createMemoryStores } from "../auth/testing/memory-stores";
import { createTestClock, createTestEngine } from "../auth/testing/test-engine";
import { handleAuthRequest } from "./routes";
import { createAuthClient, credentials } from "./testing/client";

const HOUR = 3600;
const DAY = 24 * HOUR;
const API = "/api/auth";

describe("POST /session/refresh after the refresh-token lifetime was shortened", () => {
  it("an idle session gets 401 unauthorised with its tokens cleared; an active one refreshes and lists only itself", async () => {
    const stores = createMemoryStores();
    const clock = createTestClock();
    const before = createTestEngine({ session: { refreshTokenTtlSeconds: 100 * DAY } }, { stores, clock }).ctx;
    const after = createTestEngine({ session: { refreshTokenTtlSeconds: DAY } }, { stores, clock }).ctx;
    // Each browser keeps its cookies across the deploy: its requests reach whichever engine serves now.
    let serving = before;
    const browser = () => createAuthClient(before, (request) => handleAuthRequest(serving, request));
    const idle = browser();
    const active = browser();
    expect((await idle.send("POST", `${API}/signup`, { body: credentials("ttl@example.com", "fixture-pw-1") })).status).toBe(200);
    expect((await active.send("POST", `${API}/signin`, { body: credentials("ttl@example.com", "fixture-pw-1") })).status).toBe(200);
    clock.advanceSeconds(20 * HOUR);
    expect((await active.send("POST", `${API}/session/refresh`)).status).toBe(200);

    clock.advanceSeconds(10 * HOUR);
    serving = after;
    const refused = await idle.send("POST", `${API}/session/refresh`);
    expect([refused.status, await refused.json()]).toEqual([401, { message: "unauthorised" }]);
    expect(refused.headers.get("front-token")).toBe("remove");
    expect(idle.jar.size).toBe(0);

    expect((await active.send("POST", `${API}/session/refresh`)).status).toBe(200);
    const listed = await active.send("GET", `${API}/user/sessions`);
    expect(listed.status).toBe(200);
    const { sessions } = (await listed.json()) as { sessions: { current: boolean; expiresAt: number }[] };
    expect(sessions).toMatchObject([{ current: true, expiresAt: clock.now().getTime() + DAY * 1000 }]);
  });

  it("signing out everywhere else ends the sessions the shortened lifetime ended too: a lifetime lengthened again brings none back", async () => {
    const stores = createMemoryStores();
    const clock = createTestClock();
    const long = createTestEngine({ session: { refreshTokenTtlSeconds: 100 * DAY } }, { stores, clock }).ctx;
    const short = createTestEngine({ session: { refreshTokenTtlSeconds: DAY } }, { stores, clock }).ctx;
    let serving = long;
    const browser = () => createAuthClient(long, (request) => handleAuthRequest(serving, request));
    const idle = browser();
    const active = browser();
    expect((await idle.send("POST", `${API}/signup`, { body: credentials("others@example.com", "fixture-pw-1") })).status).toBe(200);
    expect((await active.send("POST", `${API}/signin`, { body: credentials("others@example.com", "fixture-pw-1") })).status).toBe(200);

    clock.advanceSeconds(20 * HOUR);
    expect((await active.send("POST", `${API}/session/refresh`)).status).toBe(200);
    clock.advanceSeconds(10 * HOUR);
    serving = short;
    expect((await active.send("POST", `${API}/session/refresh`)).status).toBe(200);
    const signedOut = await active.send("POST", `${API}/user/sessions/revoke`, { body: { allOthers: true } });
    expect(signedOut.status).toBe(200);
    expect((await signedOut.json()) as { revoked: string[] }).toMatchObject({ status: "OK", revoked: [expect.any(String)] });

    // The deployer goes back to 100 days: the idle device, signed out by the user, stays out.
    serving = long;
    const refused = await idle.send("POST", `${API}/session/refresh`);
    expect([refused.status, await refused.json()]).toEqual([401, { message: "unauthorised" }]);
  });

  it("a session revoked by its handle, by the admin API or from the user's own list, is revoked even past the shortened lifetime", async () => {
    const stores = createMemoryStores();
    const clock = createTestClock();
    const long = createTestEngine({ session: { refreshTokenTtlSeconds: 100 * DAY } }, { stores, clock }).ctx;
    const short = createTestEngine({ session: { refreshTokenTtlSeconds: DAY } }, { stores, clock }).ctx;
    let serving = long;
    const browser = () => createAuthClient(long, (request) => handleAuthRequest(serving, request));
    const key = await createApiKey(long, { name: "incident", expiresAt: null });
    if (key.status !== "OK") throw new Error(key.status);
    const admin = (path: string, body: unknown) =>
      createAuthClient(long, (request) => handleAuthRequest(serving, request)).send("POST", `${API}/admin${path}`, {
        body,
        cookies: false,
        headers: { origin: null, rid: null, authorization: `Bearer ${key.key}` },
      });
    const [active, stolen, forgotten] = [browser(), browser(), browser()];
    const up = await active.send("POST", `${API}/signup`, { body: credentials("revoke@example.com", "fixture-pw-1") });
    const userId = ((await up.json()) as { user: { id: string } }).user.id;
    for (const other of [stolen, forgotten]) {
      expect((await other.send("POST", `${API}/signin`, { body: credentials("revoke@example.com", "fixture-pw-1") })).status).toBe(200);
    }
    const listed = (await (await active.send("GET", `${API}/user/sessions`)).json()) as { sessions: { sessionHandle: string; current: boolean }[] };
    const [stolenHandle, forgottenHandle] = listed.sessions.filter((s) => !s.current).map((s) => s.sessionHandle);

    clock.advanceSeconds(20 * HOUR);
    expect((await active.send("POST", `${API}/session/refresh`)).status).toBe(200);
    clock.advanceSeconds(10 * HOUR);
    serving = short;
    expect((await active.send("POST", `${API}/session/refresh`)).status).toBe(200);
    // The lifetime ended both, but their rows hold a later end: revoked by handle, they go.
    expect(await (await admin(`/users/${userId}/sessions/revoke`, { sessionHandle: stolenHandle })).json()).toEqual({
      status: "OK",
      revoked: [stolenHandle],
    });
    const mine = await active.send("POST", `${API}/user/sessions/revoke`, { body: { sessionHandle: forgottenHandle } });
    expect([mine.status, await mine.json()]).toEqual([200, { status: "OK", revoked: [forgottenHandle] }]);

    // The deployer goes back to 100 days: neither comes back.
    serving = long;
    for (const revoked of [stolen, forgotten]) expect((await revoked.send("POST", `${API}/session/refresh`)).status).toBe(401);
    expect((await active.send("POST", `${API}/session/refresh`)).status).toBe(200);
  });
});
