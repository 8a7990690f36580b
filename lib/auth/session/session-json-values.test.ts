import { describe, expect, it } from "vitest";
import { createTestEngine } from "../testing/test-engine";
import { createNewSession, getSessionData } from "./session";
import { mergeIntoAccessTokenPayload, updateSessionData } from "./session-info";

const cyclic = (): Record<string, unknown> => {
  const value: Record<string, unknown> = { a: 1 };
  value.self = value;
  return value;
};

/**
 * Values JSON cannot carry, or would silently change: each one threw a bare TypeError (a 500
 * with a stack and no code), failed the store's write as STORE_FAILED (a 503 clients retry for
 * ever), or was stored and minted as something else than the deployer's code passed.
 */
const notJson: Record<string, { value: () => Record<string, unknown>; names: string }> = {
  BigInt: { value: () => ({ plan: { seats: 10n } }), names: "plan.seats" },
  "a cycle": { value: cyclic, names: "self" },
  "a function": { value: () => ({ format: () => "x" }), names: "format" },
  "a symbol": { value: () => ({ tag: Symbol("x") }), names: "tag" },
  NaN: { value: () => ({ score: Number.NaN }), names: "score" },
  Infinity: { value: () => ({ limits: [1, Number.POSITIVE_INFINITY] }), names: "limits[1]" },
  "a Date": { value: () => ({ since: new Date(0) }), names: "since" },
  "a Map": { value: () => ({ flags: new Map([["a", 1]]) }), names: "flags" },
  "undefined in an array": { value: () => ({ list: [undefined] }), names: "list[0]" },
};

describe("payloads and session data must be JSON", () => {
  for (const [what, { value, names }] of Object.entries(notJson)) {
    it(`${what}: refused by name as VALUE_NOT_JSON, nothing written`, async () => {
      const { ctx, stores } = createTestEngine();
      const refused = { code: "VALUE_NOT_JSON", name: "GatehouseError", message: expect.stringContaining(names) };
      await expect(createNewSession(ctx, { userId: "u1", jwtPayload: value() })).rejects.toMatchObject(refused);
      await expect(createNewSession(ctx, { userId: "u1", sessionData: value() })).rejects.toMatchObject(refused);
      expect(await stores.sessions.listSessionsForUser("u1", ctx.now())).toEqual([]);

      const { sessionHandle } = await createNewSession(ctx, { userId: "u1", jwtPayload: { plan: "pro" }, sessionData: { kept: true } });
      await expect(mergeIntoAccessTokenPayload(ctx, sessionHandle, value())).rejects.toMatchObject(refused);
      await expect(updateSessionData(ctx, sessionHandle, value())).rejects.toMatchObject(refused);
      expect((await stores.sessions.getSession(sessionHandle))?.jwtPayload).toEqual({ plan: "pro" });
      expect(await getSessionData(ctx, sessionHandle)).toEqual({ kept: true });
    });
  }

  it("JSON values pass, and an undefined property is left out as JSON leaves it", async () => {
    const { ctx } = createTestEngine();
    const value = {
      s: "x",
      n: 1.5,
      b: false,
      z: null,
      list: [1, "a", { deep: [true] }],
      gone: undefined,
      bare: Object.assign(Object.create(null), { k: 1 }),
    };
    const tokens = await createNewSession(ctx, { userId: "u1", jwtPayload: value, sessionData: value });
    expect(tokens.accessTokenClaims).toMatchObject({ s: "x", n: 1.5, list: [1, "a", { deep: [true] }], bare: { k: 1 } });
    expect(await updateSessionData(ctx, tokens.sessionHandle, value)).toBe(true);
    expect(await mergeIntoAccessTokenPayload(ctx, tokens.sessionHandle, value)).toMatchObject({ status: "OK" });
  });
});

describe("a __proto__ key (JSON.parse makes one own, e.g. from a request body)", () => {
  const withProto = () => JSON.parse('{"__proto__": {"tId": "org-x"}, "theme": "dark"}') as Record<string, unknown>;
  const refused = { code: "VALUE_NOT_JSON", message: expect.stringContaining("__proto__") };

  it("is refused by name in a payload, a merge patch and session data, nothing written", async () => {
    const { ctx, stores } = createTestEngine();
    await expect(createNewSession(ctx, { userId: "u1", jwtPayload: withProto() })).rejects.toMatchObject(refused);
    await expect(createNewSession(ctx, { userId: "u1", sessionData: { nested: withProto() } })).rejects.toMatchObject(refused);
    expect(await stores.sessions.listSessionsForUser("u1", ctx.now())).toEqual([]);

    const { sessionHandle } = await createNewSession(ctx, { userId: "u1", jwtPayload: { plan: "pro" }, sessionData: { kept: true } });
    // Merged with a plain assignment, the key set the merged payload's prototype: its `theme`
    // landed while the key vanished, and the engine's reads of the payload (`tId`) saw the
    // prototype's values, which no check of the patch's own keys had looked at.
    await expect(mergeIntoAccessTokenPayload(ctx, sessionHandle, withProto())).rejects.toMatchObject(refused);
    await expect(updateSessionData(ctx, sessionHandle, withProto())).rejects.toMatchObject(refused);
    expect((await stores.sessions.getSession(sessionHandle))?.jwtPayload).toEqual({ plan: "pro" });
    expect(await getSessionData(ctx, sessionHandle)).toEqual({ kept: true });
  });
});

describe("a value that is no JSON object where one is stored (`await request.json()` is `any`, so TypeScript lets it through)", () => {
  // Written, it was a session row every read of which then threw (fromJsonColumn: "does not hold
  // a JSON object"): its refreshes, the user's session list and the admin API's all failed with 500.
  for (const [what, value] of Object.entries({ null: null, "an array": ["a"], "a string": "text", "a number": 7 })) {
    it(`${what}: refused as VALUE_NOT_JSON by updateSessionData, mergeIntoAccessTokenPayload and createNewSession, nothing written`, async () => {
      const { ctx, stores } = createTestEngine();
      const bad = value as unknown as Record<string, unknown>;
      const refused = { code: "VALUE_NOT_JSON", message: expect.stringContaining("object") };
      const { sessionHandle } = await createNewSession(ctx, { userId: "u1", jwtPayload: { plan: "pro" }, sessionData: { kept: true } });
      await expect(updateSessionData(ctx, sessionHandle, bad)).rejects.toMatchObject(refused);
      await expect(mergeIntoAccessTokenPayload(ctx, sessionHandle, bad)).rejects.toMatchObject(refused);
      expect(await getSessionData(ctx, sessionHandle)).toEqual({ kept: true });
      expect((await stores.sessions.getSession(sessionHandle))?.jwtPayload).toEqual({ plan: "pro" });
      // null is read as none there (no hook, no data), which stores `{}`.
      if (value !== null) {
        await expect(createNewSession(ctx, { userId: "u2", sessionData: bad })).rejects.toMatchObject(refused);
        await expect(createNewSession(ctx, { userId: "u2", jwtPayload: bad })).rejects.toMatchObject(refused);
      }
      expect(await stores.sessions.listSessionsForUser("u2", ctx.now())).toEqual([]);
    });
  }
});
