/**
 * A session's data and payload beyond 64 KiB, through the routes, on every database. On MySQL and
 * MariaDB both were TEXT columns (64 KiB), so a deployer's setSessionData or setJwtPayload over
 * that failed every sign-in there (STORE_FAILED, 503) while SQLite and PostgreSQL kept it; and
 * updateSessionData and mergeIntoAccessTokenPayload failed likewise. The engine's caps
 * (session-value-size.ts) are far above: 1 MiB of session data, and the payload as far as
 * session.maxAccessTokenBytes lets a token carry it.
 */
import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { decodeFrontToken } from "../auth/session/front-token";
import { getSessionData } from "../auth/session/session";
import { mergeIntoAccessTokenPayload, updateSessionData } from "../auth/session/session-info";
import { createTestEngine } from "../auth/testing/test-engine";
import { createPrismaStores } from "../store";
import { describeOnEachDatabase } from "../store/testing/each-database";
import { createAuthClient, credentials } from "./testing/client";

const API = "/api/auth";
const PASSWORD = "correct horse battery staple 42";
/** About 110 KB of JSON as UTF-8 (each "é" is two bytes). */
const sessionData = { notes: "é".repeat(40_000), more: "x".repeat(30_000) };
/** About 70 KB of JSON: carried by every access token of the session. */
const jwtPayload = { catalogue: "c".repeat(70_000) };

/** A 70 KB token fits no cookie (a cookie-mode request is refused it): the client asks for header transfer. */
const HEADER_MODE = { "st-auth-mode": "header" };
const refreshWith = (response: Response) => ({ ...HEADER_MODE, authorization: `Bearer ${response.headers.get("st-refresh-token")}` });

/** The deployer's payload as the front token carries it. */
const payloadOf = (response: Response) => decodeFrontToken(response.headers.get("front-token")!).up as Record<string, unknown>;

describeOnEachDatabase((provider, url) => {
  it(`${provider}: sign-up and sign-in keep session data and a payload beyond 64 KiB; refresh, updateSessionData and mergeIntoAccessTokenPayload too`, async () => {
    const { ctx } = createTestEngine(
      // A token carrying 70 KB: raised as a deployer with such a payload must (header transfer).
      { session: { maxAccessTokenBytes: 200_000 }, setSessionData: () => sessionData, setJwtPayload: () => jwtPayload },
      { stores: createPrismaStores(url()) },
    );
    const client = createAuthClient(ctx);
    const email = `large-${randomUUID()}@example.com`;
    const up = await client.send("POST", `${API}/signup`, { body: credentials(email, PASSWORD), headers: HEADER_MODE });
    expect(up.status).toBe(200);
    expect(payloadOf(up)).toMatchObject(jwtPayload);
    const signIn = await client.send("POST", `${API}/signin`, { body: credentials(email, PASSWORD), headers: HEADER_MODE });
    expect(signIn.status).toBe(200);
    const userId = ((await signIn.json()) as { user: { id: string } }).user.id;
    const sessions = await ctx.stores.sessions.listSessionsForUser(userId, ctx.now());
    expect(sessions).toHaveLength(2);
    for (const session of sessions) expect(await getSessionData(ctx, session.sessionHandle)).toEqual(sessionData);

    const refreshed = await client.send("POST", `${API}/session/refresh`, { headers: refreshWith(signIn) });
    expect(refreshed.status).toBe(200);
    expect(payloadOf(refreshed)).toMatchObject(jwtPayload);

    // The client's session: the one its refreshes below re-mint.
    const handle = payloadOf(signIn).sessionHandle as string;
    expect(sessions.map((s) => s.sessionHandle)).toContain(handle);
    const replaced = { ...sessionData, again: "ü".repeat(20_000) };
    expect(await updateSessionData(ctx, handle, replaced)).toBe(true);
    expect(await getSessionData(ctx, handle)).toEqual(replaced);
    const merged = await mergeIntoAccessTokenPayload(ctx, handle, { index: "i".repeat(30_000) });
    expect(merged).toMatchObject({ status: "OK", accessTokenPayload: { ...jwtPayload, index: "i".repeat(30_000) } });
    const again = await client.send("POST", `${API}/session/refresh`, { headers: refreshWith(refreshed) });
    expect(again.status).toBe(200);
    expect(payloadOf(again)).toMatchObject({ ...jwtPayload, index: "i".repeat(30_000) });
  });
});
