import { describe, expect, it } from "vitest";
import { createTestEngine } from "../testing/test-engine";
import { completeFactorInSession } from "../mfa/complete-factor";
import { completedFactorsOf } from "../mfa/mfa-claim";
import { switchOrganization } from "../organizations/active-organization";
import { createNewSession, getSession, type VerifiedSession } from "./session";
import { mergeIntoAccessTokenPayload } from "./session-info";
import { updateJwtPayload } from "./update-jwt-payload";

async function signedIn(jwtPayload: Record<string, unknown> = {}) {
  const engine = createTestEngine();
  const tokens = await createNewSession(engine.ctx, { userId: "user-1", jwtPayload });
  const verified = await getSession(engine.ctx, { accessToken: tokens.accessToken });
  if (verified.status !== "OK") throw new Error("the new session did not verify");
  return { ...engine, session: verified.session as VerifiedSession };
}

const payloadOf = async (engine: Awaited<ReturnType<typeof signedIn>>) =>
  (await engine.stores.sessions.getSession(engine.session.sessionHandle))!.jwtPayload;

describe("changes of a session's payload at the same time", () => {
  it("ten merges of different keys at once: every key lands", async () => {
    const engine = await signedIn({ plan: "free" });
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => mergeIntoAccessTokenPayload(engine.ctx, engine.session.sessionHandle, { [`key${i}`]: i })),
    );
    expect(results.map((r) => r.status)).toEqual(Array(10).fill("OK"));
    expect(await payloadOf(engine)).toEqual({ plan: "free", ...Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`key${i}`, i])) });
  });

  it("a deployer's merge that removes a claim and an MFA factor completed at the same moment: both land", async () => {
    const engine = await signedIn({ role: "admin" });
    const [merged, completed] = await Promise.all([
      mergeIntoAccessTokenPayload(engine.ctx, engine.session.sessionHandle, { role: null }),
      completeFactorInSession(engine.ctx, engine.session, "totp"),
    ]);
    expect([merged.status, completed.status]).toEqual(["OK", "OK"]);
    const payload = await payloadOf(engine);
    expect(payload).not.toHaveProperty("role");
    expect(Object.keys(completedFactorsOf(payload))).toEqual(["totp"]);
  });

  it("an organization switch and a merge at the same moment: both land", async () => {
    const engine = await signedIn({ theme: "dark" });
    // In an organization (the store written directly: tId is the engine's own claim), one that
    // exists and lets the session in: one it may not stay in is ended by any change.
    const joined = engine.ctx.now();
    await engine.stores.users.createEmailPasswordUser({ id: "user-1", email: "user-1@example.com", passwordHash: "h", timeJoined: joined });
    const organization = { id: "org-old", name: "Old", loginMethods: null, createdAt: joined };
    expect(await engine.stores.organizations.createOrganization({ organization, ownerUserId: "user-1" })).toMatchObject({ status: "OK" });
    await engine.stores.sessions.replaceJwtPayload(engine.session.sessionHandle, 0, { theme: "dark", tId: "org-old" });
    const [switched, merged] = await Promise.all([
      switchOrganization(engine.ctx, engine.session, "public"),
      mergeIntoAccessTokenPayload(engine.ctx, engine.session.sessionHandle, { theme: "light" }),
    ]);
    expect([switched.status, merged.status]).toEqual(["OK", "OK"]);
    expect(await payloadOf(engine)).toEqual({ theme: "light" });
  });
});

describe("updateJwtPayload", () => {
  it("answers UNKNOWN_SESSION_ERROR for a gone or expired session, and when the change refuses the row", async () => {
    const engine = await signedIn({ plan: "free" });
    const { ctx, session } = engine;
    expect(await updateJwtPayload(ctx, "no-such-session", () => ({ plan: "pro" }))).toEqual({ status: "UNKNOWN_SESSION_ERROR" });
    expect(await updateJwtPayload(ctx, session.sessionHandle, () => null)).toEqual({ status: "UNKNOWN_SESSION_ERROR" });
    expect(await payloadOf(engine)).toEqual({ plan: "free" });
    engine.clock.advanceSeconds(ctx.config.session.refreshTokenTtlSeconds + 1);
    expect(await updateJwtPayload(ctx, session.sessionHandle, () => ({ plan: "pro" }))).toEqual({ status: "UNKNOWN_SESSION_ERROR" });
  });

  it("reads the row again after losing the swap, and gives up with an error when changes never stop landing", async () => {
    const engine = await signedIn({ n: 0 });
    const { ctx, session, stores } = engine;
    // Another writer lands between this change's read and its swap, once.
    let interfere = true;
    const seen: unknown[] = [];
    const result = await updateJwtPayload(ctx, session.sessionHandle, (row) => {
      seen.push(row.jwtPayload.n);
      if (interfere) {
        interfere = false;
        void stores.sessions.replaceJwtPayload(session.sessionHandle, row.payloadVersion, { n: 1 });
      }
      return { ...row.jwtPayload, mine: true };
    });
    expect(seen).toEqual([0, 1]);
    expect(result).toMatchObject({ status: "OK", jwtPayload: { n: 1, mine: true } });
    expect(await payloadOf(engine)).toEqual({ n: 1, mine: true });

    // A writer that lands before every swap: the change is never written over it.
    let rounds = 0;
    const forever = updateJwtPayload(ctx, session.sessionHandle, (row) => {
      rounds++;
      void stores.sessions.replaceJwtPayload(session.sessionHandle, row.payloadVersion, { n: rounds });
      return { lost: true };
    });
    await expect(forever).rejects.toThrow(/kept changing/);
    expect(rounds).toBe(50);
    expect(await payloadOf(engine)).toEqual({ n: 50 });
  });
});
