import { describe, expect, it } from "vitest";
import { createTestEngine } from "../testing/test-engine";
import { refreshSession } from "./refresh-session";
import { createNewSession, getSessionData } from "./session";
import { mergeIntoAccessTokenPayload, updateSessionData } from "./session-info";
import { MAX_SESSION_DATA_BYTES } from "./session-value-size";

/** Session data whose JSON is exactly `bytes` long: `{"pad":"…"}` is 10 bytes around the string. */
const dataOf = (bytes: number) => ({ pad: "x".repeat(bytes - 10) });

describe("session data cap", () => {
  it("updateSessionData keeps data up to 1 MiB of JSON and refuses more by name, writing nothing", async () => {
    const { ctx } = createTestEngine();
    const { sessionHandle } = await createNewSession(ctx, { userId: "u1", sessionData: { kept: true } });
    const atCap = dataOf(MAX_SESSION_DATA_BYTES);
    expect(Buffer.byteLength(JSON.stringify(atCap))).toBe(MAX_SESSION_DATA_BYTES);
    expect(await updateSessionData(ctx, sessionHandle, atCap)).toBe(true);
    expect(await getSessionData(ctx, sessionHandle)).toEqual(atCap);
    // Counted in UTF-8 bytes, as the databases store it: one "é" more is two bytes over.
    const over = { pad: `${atCap.pad.slice(1)}é` };
    await expect(updateSessionData(ctx, sessionHandle, over)).rejects.toMatchObject({
      code: "SESSION_DATA_TOO_LARGE",
      message: expect.stringContaining("updateSessionData"),
    });
    expect(await getSessionData(ctx, sessionHandle)).toEqual(atCap);
  });

  it("a new session with more (setSessionData's) is refused before anything is written", async () => {
    const { ctx, stores } = createTestEngine();
    await expect(createNewSession(ctx, { userId: "u1", sessionData: dataOf(MAX_SESSION_DATA_BYTES + 1) })).rejects.toMatchObject({
      code: "SESSION_DATA_TOO_LARGE",
      message: expect.stringContaining("setSessionData"),
    });
    expect(await stores.sessions.listSessionsForUser("u1", ctx.now())).toEqual([]);
  });
});

describe("payload cap (session.maxAccessTokenBytes) before the payload is stored", () => {
  it("a merge no token could carry is refused and not stored: the session keeps refreshing", async () => {
    const { ctx } = createTestEngine();
    const tokens = await createNewSession(ctx, { userId: "u1", jwtPayload: { plan: "pro" } });
    await expect(mergeIntoAccessTokenPayload(ctx, tokens.sessionHandle, { catalogue: "c".repeat(10_000) })).rejects.toMatchObject({
      code: "CONFIG_INVALID",
      message: expect.stringContaining("maxAccessTokenBytes"),
    });
    expect((await ctx.stores.sessions.getSession(tokens.sessionHandle))?.jwtPayload).toEqual({ plan: "pro" });
    const refreshed = await refreshSession(ctx, { refreshToken: tokens.refreshToken });
    expect(refreshed).toMatchObject({ status: "OK", tokens: { accessTokenClaims: { plan: "pro" } } });
    // One that fits is stored and carried.
    expect(await mergeIntoAccessTokenPayload(ctx, tokens.sessionHandle, { catalogue: "c".repeat(1_000) })).toMatchObject({ status: "OK" });
  });

  it("a new session's payload no token could carry is refused before its row is written", async () => {
    const { ctx, stores } = createTestEngine();
    await expect(createNewSession(ctx, { userId: "u1", jwtPayload: { catalogue: "c".repeat(10_000) } })).rejects.toMatchObject({
      code: "CONFIG_INVALID",
    });
    expect(await stores.sessions.listSessionsForUser("u1", ctx.now())).toEqual([]);
  });
});
