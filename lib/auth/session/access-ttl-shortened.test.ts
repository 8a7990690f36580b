// A deploy that shortens session.accessTokenTtlSeconds (say 1 h to 5 min). Access tokens minted
// before it still carry the old, later `exp`; a revocation made after it is kept (in memory and in
// the revocation log) for the new lifetime only. Once that record was gone, a signed-out
// session's old access token verified again, without checkDatabase, until its old `exp`.
import { describe, expect, it } from "vitest";
import { createMemoryStores } from "../testing/memory-stores";
import { createTestClock, createTestEngine } from "../testing/test-engine";
import { refreshSession } from "./refresh-session";
import { revokeSession } from "./session-revocation";
import { createNewSession, getSession } from "./session";

describe("the access-token lifetime shortened between two deploys", () => {
  it("a session revoked after the change stays refused for the whole life of a token minted before it", async () => {
    const stores = createMemoryStores();
    const clock = createTestClock();
    const before = createTestEngine({ session: { accessTokenTtlSeconds: 3600 } }, { stores, clock });
    const old = await createNewSession(before.ctx, { userId: "u1" });

    clock.advanceSeconds(60);
    const after = createTestEngine({ session: { accessTokenTtlSeconds: 300 } }, { stores, clock });
    expect((await getSession(after.ctx, { accessToken: old.accessToken })).status).toBe("OK");
    expect(await revokeSession(after.ctx, old.sessionHandle)).toBe(true);
    expect((await getSession(after.ctx, { accessToken: old.accessToken })).status).toBe("UNAUTHORISED");

    // Past the new lifetime (and its minute), well within the old token's own exp.
    clock.advanceSeconds(600);
    expect((await getSession(after.ctx, { accessToken: old.accessToken })).status).not.toBe("OK");
    // A fresh instance on the new configuration, started now, agrees.
    const restarted = createTestEngine({ session: { accessTokenTtlSeconds: 300 } }, { stores, clock });
    expect((await getSession(restarted.ctx, { accessToken: old.accessToken })).status).not.toBe("OK");
  });

  it("a live session's token older than the new lifetime is replaced by one refresh, never a sign-out", async () => {
    const stores = createMemoryStores();
    const clock = createTestClock();
    const before = createTestEngine({ session: { accessTokenTtlSeconds: 3600 } }, { stores, clock });
    const old = await createNewSession(before.ctx, { userId: "u1" });

    clock.advanceSeconds(600);
    const after = createTestEngine({ session: { accessTokenTtlSeconds: 300 } }, { stores, clock });
    const seen = await getSession(after.ctx, { accessToken: old.accessToken });
    expect(["OK", "TRY_REFRESH_TOKEN_ERROR"]).toContain(seen.status);
    const refreshed = await refreshSession(after.ctx, { refreshToken: old.refreshToken! });
    expect(refreshed.status).toBe("OK");
    if (refreshed.status !== "OK") return;
    expect((await getSession(after.ctx, { accessToken: refreshed.tokens.accessToken })).status).toBe("OK");
  });

  it("lengthened during a rolling deploy: an old instance asks for one refresh of a new instance's token past its own lifetime", async () => {
    const stores = createMemoryStores();
    const clock = createTestClock();
    const oldInstance = createTestEngine({ session: { accessTokenTtlSeconds: 300 } }, { stores, clock });
    const newInstance = createTestEngine({ session: { accessTokenTtlSeconds: 3600 } }, { stores, clock });
    const minted = await createNewSession(newInstance.ctx, { userId: "u1" });

    clock.advanceSeconds(600);
    expect((await getSession(newInstance.ctx, { accessToken: minted.accessToken })).status).toBe("OK");
    expect((await getSession(oldInstance.ctx, { accessToken: minted.accessToken })).status).toBe("TRY_REFRESH_TOKEN_ERROR");
    const refreshed = await refreshSession(oldInstance.ctx, { refreshToken: minted.refreshToken! });
    expect(refreshed.status).toBe("OK");
    if (refreshed.status !== "OK") return;
    expect((await getSession(oldInstance.ctx, { accessToken: refreshed.tokens.accessToken })).status).toBe("OK");
    expect((await getSession(newInstance.ctx, { accessToken: refreshed.tokens.accessToken })).status).toBe("OK");
  });
});
