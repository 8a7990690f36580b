// Finding 9 of issue 15: whoever can write to the database must not be able to add or alter a
// signing key. Rows carry a MAC under a key derived from GATEHOUSE_SECRET; rows that fail it are
// never used, and pre-MAC rows are accepted only when they prove themselves.
import { describe, expect, it } from "vitest";
import { SignJWT, exportJWK, generateKeyPair, decodeProtectedHeader } from "jose";
import { createTestEngine, createTestClock } from "../testing/test-engine";
import { createMemoryStores } from "../testing/memory-stores";
import type { EngineLog } from "../log";
import type { Stores } from "../ports";
import { isGatehouseError } from "../errors";
import { createNewSession, getSession } from "./session";
import { rotateSigningKeys } from "./session-info";
import type { IssuedTokens } from "./session";

function capturingLog() {
  const lines: Record<string, unknown>[] = [];
  const push = (fields: object) => void lines.push(fields as Record<string, unknown>);
  const log: EngineLog = { debug: push, info: push, warn: push, error: push, child: () => log };
  return { log, lines };
}

/** An attacker's key pair and a token for `victim`'s session claims, signed with it under `kid`. */
async function attackerToken(victim: IssuedTokens, kid: string) {
  const { publicKey, privateKey } = await generateKeyPair("RS256", { extractable: true });
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: "RS256", use: "sig" };
  const token = await new SignJWT({ ...victim.accessTokenClaims, sub: "admin-user" })
    .setProtectedHeader({ alg: "RS256", kid, typ: "JWT" })
    .sign(privateKey);
  return { publicJwk, token };
}

/** A second instance on the same stores that has never loaded a key: it trusts only the database. */
function freshInstance(stores: Stores, clock = createTestClock()) {
  const { log, lines } = capturingLog();
  return { ...createTestEngine({}, { stores, clock, log }), lines };
}

describe("signing-key rows are authenticated", () => {
  it("an inserted verify-only row (no MAC, or a forged one) is not used: the attacker's token is refused", async () => {
    const { ctx, stores, clock } = createTestEngine();
    const victim = await createNewSession(ctx, { userId: "u1" });
    const real = (await stores.signingKeys.listVerifyingKeys(clock.now()))[0];
    for (const [kid, mac] of [
      ["evil-none", null],
      ["evil-forged", "00".repeat(32)],
    ] as const) {
      const { publicJwk, token } = await attackerToken(victim, kid);
      await stores.signingKeys.insertKey({ ...real, kid, publicJwk, sealedPrivateKey: "", mac });
      const other = freshInstance(stores, clock);
      expect((await getSession(other.ctx, { accessToken: token })).status, kid).not.toBe("OK");
      clock.advanceSeconds(2); // past the unknown-kid reload interval
      expect((await getSession(ctx, { accessToken: token })).status, kid).not.toBe("OK");
      expect(other.lines).toContainEqual(expect.objectContaining({ event: "signing_keys.row_rejected", kid }));
      expect((await other.ctx.keyRing.getJwks(clock.now())).keys.map((k) => k.kid)).not.toContain(kid);
      // The real key goes on verifying.
      expect((await getSession(other.ctx, { accessToken: victim.accessToken })).status).toBe("OK");
    }
  });

  it("a real kid whose public key was replaced is refused", async () => {
    const { ctx, stores, clock } = createTestEngine();
    const victim = await createNewSession(ctx, { userId: "u1" });
    const kid = decodeProtectedHeader(victim.accessToken).kid!;
    const { publicJwk, token } = await attackerToken(victim, kid);
    const real = (await stores.signingKeys.listVerifyingKeys(clock.now()))[0];
    const memory = stores.signingKeys;
    const swapped: Stores = {
      ...stores,
      signingKeys: {
        ...memory,
        listVerifyingKeys: async (now) => (await memory.listVerifyingKeys(now)).map((r) => (r.kid === kid ? { ...real, publicJwk } : r)),
      },
    };
    const other = freshInstance(swapped, clock);
    // Its only key fails: the instance refuses to run on it at all (a 503), and logs why.
    const verdict = await getSession(other.ctx, { accessToken: token }).then(
      (r) => r.status,
      (e) => (isGatehouseError(e) ? e.code : e),
    );
    expect(verdict).toBe("SIGNING_KEY_UNAVAILABLE");
    expect(other.lines).toContainEqual(expect.objectContaining({ event: "signing_keys.row_rejected", kid, reason: "BAD_MAC" }));
  });

  it("a retired key whose window was extended again in the database stays retired", async () => {
    const { ctx, stores, clock } = createTestEngine();
    const victim = await createNewSession(ctx, { userId: "u1" });
    const oldKid = decodeProtectedHeader(victim.accessToken).kid!;
    await rotateSigningKeys(ctx, { retireOldKeys: true });
    expect((await getSession(ctx, { accessToken: victim.accessToken })).status).toBe("TRY_REFRESH_TOKEN_ERROR");
    await stores.signingKeys.updateKeyWindows(oldKid, { verifyUntil: new Date(clock.now().getTime() + 86_400_000) });
    const other = freshInstance(stores, clock);
    expect((await getSession(other.ctx, { accessToken: victim.accessToken })).status).not.toBe("OK");
    clock.advanceSeconds(61);
    expect((await getSession(ctx, { accessToken: victim.accessToken })).status).not.toBe("OK");
  });

  it("a changed algorithm is refused", async () => {
    const { ctx, stores, clock } = createTestEngine();
    const victim = await createNewSession(ctx, { userId: "u1" });
    const kid = decodeProtectedHeader(victim.accessToken).kid!;
    const memory = stores.signingKeys;
    const tampered: Stores = {
      ...stores,
      signingKeys: {
        ...memory,
        listVerifyingKeys: async (now) =>
          (await memory.listVerifyingKeys(now)).map((r) => (r.kid === kid ? { ...r, algorithm: "EdDSA" as const } : r)),
      },
    };
    const other = freshInstance(tampered, clock);
    await expect(getSession(other.ctx, { accessToken: victim.accessToken })).rejects.toThrow(/integrity/);
    expect(other.lines).toContainEqual(expect.objectContaining({ event: "signing_keys.row_rejected", kid, reason: "BAD_MAC" }));
  });

  it("every key the ring writes carries a valid MAC, rotations included", async () => {
    const { ctx, stores, clock } = createTestEngine();
    await createNewSession(ctx, { userId: "u1" });
    await rotateSigningKeys(ctx);
    await rotateSigningKeys(ctx, { retireOldKeys: true });
    const rows = await stores.signingKeys.listVerifyingKeys(clock.now());
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.mac).toMatch(/^[0-9a-f]{64}$/);
    const other = freshInstance(stores, clock);
    const tokens = await createNewSession(other.ctx, { userId: "u2" });
    expect((await getSession(ctx, { accessToken: tokens.accessToken })).status).toBe("OK");
    expect(other.lines.filter((l) => l.event === "signing_keys.row_rejected")).toEqual([]);
  });
});

describe("rotation rewrites windows and MACs without undoing another instance's change", () => {
  it("a retirement made elsewhere between this instance's read and its write is not overwritten", async () => {
    const a = createTestEngine();
    const victim = await createNewSession(a.ctx, { userId: "u1" });
    const kid = decodeProtectedHeader(victim.accessToken).kid!;
    // Instance b's store: just before b's first window write, a retires every key.
    let raced = false;
    const racing: Stores = {
      ...a.stores,
      signingKeys: {
        ...a.stores.signingKeys,
        async updateKeyWindows(k, update, expectedMac) {
          if (!raced) {
            raced = true;
            await rotateSigningKeys(a.ctx, { retireOldKeys: true });
          }
          return a.stores.signingKeys.updateKeyWindows(k, update, expectedMac);
        },
      },
    };
    const b = createTestEngine({}, { stores: racing, clock: a.clock });
    await getSession(b.ctx, { accessToken: victim.accessToken }); // b loads the keys
    await rotateSigningKeys(b.ctx); // no retirement asked here
    const row = (await a.stores.signingKeys.listVerifyingKeys(a.clock.now())).find((r) => r.kid === kid);
    expect(row).toBeUndefined(); // still retired (no longer verifying)
    const fresh = freshInstance(a.stores, a.clock);
    expect((await getSession(fresh.ctx, { accessToken: victim.accessToken })).status).toBe("TRY_REFRESH_TOKEN_ERROR");
    expect(fresh.lines.filter((l) => l.event === "signing_keys.row_rejected")).toEqual([]);
  });
});

describe("upgrading rows written before the MAC", () => {
  it("a pre-MAC row that unseals with the secret proves itself and gets its MAC written", async () => {
    const { ctx, stores, clock } = createTestEngine();
    const tokens = await createNewSession(ctx, { userId: "u1" });
    const kid = decodeProtectedHeader(tokens.accessToken).kid!;
    await stores.signingKeys.updateKeyWindows(kid, { mac: null });
    const other = freshInstance(stores, clock);
    expect((await getSession(other.ctx, { accessToken: tokens.accessToken })).status).toBe("OK");
    const [row] = await stores.signingKeys.listVerifyingKeys(clock.now());
    expect(row.mac).toMatch(/^[0-9a-f]{64}$/);
  });

  it("a pre-MAC row pairing a real sealed key with someone else's public key is refused", async () => {
    const { ctx, stores, clock } = createTestEngine();
    const victim = await createNewSession(ctx, { userId: "u1" });
    const real = (await stores.signingKeys.listVerifyingKeys(clock.now()))[0];
    const { publicJwk, token } = await attackerToken(victim, "evil-copy");
    await stores.signingKeys.insertKey({ ...real, kid: "evil-copy", publicJwk, mac: null });
    const other = freshInstance(stores, clock);
    expect((await getSession(other.ctx, { accessToken: token })).status).not.toBe("OK");
    expect(other.lines).toContainEqual(expect.objectContaining({ event: "signing_keys.row_rejected", kid: "evil-copy", reason: "NO_MAC_UNPROVEN" }));
  });

  it("another GATEHOUSE_SECRET stops with a clear message instead of quietly starting a new key set", async () => {
    const stores = createMemoryStores();
    const clock = createTestClock();
    const first = createTestEngine({}, { stores, clock });
    const tokens = await createNewSession(first.ctx, { userId: "u1" });
    const other = createTestEngine({}, { stores, clock, secret: "another-secret-".repeat(4) });
    let failure: unknown;
    await createNewSession(other.ctx, { userId: "u1" }).catch((e) => (failure = e));
    expect(isGatehouseError(failure) && failure.code).toBe("SIGNING_KEY_UNAVAILABLE");
    expect(String((failure as Error).message)).toMatch(/GATEHOUSE_SECRET/);
    expect((await getSession(first.ctx, { accessToken: tokens.accessToken })).status).toBe("OK");
  });
});
