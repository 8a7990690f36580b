/**
 * A session handle is compared exactly, on every database. MariaDB's collation ignores case and
 * pads with spaces, so a handle in capitals or with a space after it (from the deployer's code,
 * or pasted into `gatehouse sessions revoke`) reached the session of the real handle there alone:
 * revokeSession deleted its row and answered true, yet recorded the revocation under the other
 * spelling, so the session's access token, which names the real handle, was still accepted until
 * it expired; updateSessionData overwrote that session's data; getSessionInformation and
 * getSessionData read it. SQLite and PostgreSQL answered that no such session exists.
 */
import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import { createNewSession, getSession, getSessionData } from "../auth/session/session";
import { getSessionInformation, mergeIntoAccessTokenPayload, updateSessionData } from "../auth/session/session-info";
import { revokeSession } from "../auth/session/session-revocation";
import { createTestEngine } from "../auth/testing/test-engine";
import { createPrismaStores } from "../store";
import { describeOnEachDatabase } from "../store/testing/each-database";

describeOnEachDatabase((provider, url) => {
  it(`${provider}: another spelling of a session handle names no session`, async () => {
    const { ctx, stores } = createTestEngine({}, { stores: createPrismaStores(url()) });
    const userId = randomUUID();
    await stores.users.createEmailPasswordUser({ id: userId, email: `${userId}@example.com`, passwordHash: "h", timeJoined: ctx.now() });
    const tokens = await createNewSession(ctx, { userId, sessionData: { kept: true } });
    const { sessionHandle } = tokens;
    for (const other of [sessionHandle.toUpperCase(), `${sessionHandle} `]) {
      expect(await getSessionInformation(ctx, other)).toBeNull();
      expect(await getSessionData(ctx, other)).toBeNull();
      expect(await updateSessionData(ctx, other, { overwritten: true })).toBe(false);
      expect(await mergeIntoAccessTokenPayload(ctx, other, { overwritten: true })).toEqual({ status: "UNKNOWN_SESSION_ERROR" });
      expect(await revokeSession(ctx, other)).toBe(false);
    }
    // The session is as it was, and its access token still works.
    expect(await getSessionData(ctx, sessionHandle)).toEqual({ kept: true });
    expect((await getSessionInformation(ctx, sessionHandle))?.accessTokenPayload).not.toHaveProperty("overwritten");
    expect((await getSession(ctx, { accessToken: tokens.accessToken })).status).toBe("OK");
    // Revoked by its own handle, its access token is refused at once.
    expect(await revokeSession(ctx, sessionHandle)).toBe(true);
    expect((await getSession(ctx, { accessToken: tokens.accessToken })).status).toBe("UNAUTHORISED");
  });
});
