/**
 * Differential test of the access-token verifier (node:crypto, access-token.ts) against jose's
 * `jwtVerify` as Gatehouse used it (testing/access-token-jose-oracle.ts): fast-check builds
 * tokens from headers, algorithms, kids, claims, signing keys and base64url encodings, mutates
 * them, and both verifiers must give every token the same verdict (the same claims when OK, the
 * same error when the key store is down). The keys and signers are in
 * testing/differential-token-fixture.ts, the segment mutations in
 * testing/differential-token-mutations.ts, the recipes in testing/differential-token-recipes.ts,
 * and testing/differential-token-builder.ts builds a token from a recipe.
 *
 * `npm test` runs a few thousand cases; `DIFFERENTIAL_RUNS=100000` runs the bench profile
 * (`DIFFERENTIAL_DEBUG=1` prints how many tokens got each verdict):
 *   DIFFERENTIAL_RUNS=100000 npx vitest run --project unit lib/auth/session/access-token-differential.test.ts
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { sign as cryptoSign } from "node:crypto";
import { createTestEngine } from "../testing/test-engine";
import { createMemoryStores } from "../testing/memory-stores";
import { withOutageSwitch } from "../testing/outage-stores";
import { verifyAccessTokenWithJose } from "../testing/access-token-jose-oracle";
import { fixture, type Fixture } from "../testing/differential-token-fixture";
import { ABSENT, cleanRecipe, focusedRecipe, type Recipe } from "../testing/differential-token-recipes";
import { build } from "../testing/differential-token-builder";
import { isGatehouseError } from "../errors";
import { verifyAccessToken } from "./access-token";

const RUNS = Number(process.env.DIFFERENTIAL_RUNS ?? 2500);
/** 30 ms a case: generous, for a loaded machine; the time is never asserted. */
const TIMEOUT_MS = 20_000 + RUNS * 30;

type Verdict = { status: string; claims?: unknown } | { thrown: string };

async function verdictOf(run: () => Promise<{ status: string; claims?: unknown }>): Promise<Verdict> {
  try {
    const result = await run();
    return result.status === "OK" ? { status: "OK", claims: result.claims } : { status: result.status };
  } catch (error) {
    return { thrown: isGatehouseError(error) ? error.code : String(error) };
  }
}

async function compare(f: Fixture, token: string, maxBytes: number): Promise<Verdict> {
  const input = { keyRing: f.ring, now: f.now, issuer: f.issuer, audience: f.audience, maxBytes, token };
  // First sight every time: a cached verdict is only ever a repeat of an earlier OK.
  f.ring.verifiedTokens.clear();
  const ours = await verdictOf(() => verifyAccessToken(input));
  const jose = await verdictOf(() => verifyAccessTokenWithJose(input));
  expect(ours, token).toEqual(jose);
  return jose;
}

/** Corner cases run on every run besides the generated ones, each built as the generator would. */
function examples(nowSeconds: number): [Recipe][] {
  const base = cleanRecipe({ signer: "ours-rs256", random: "", mutateBeforeSigning: false } as unknown as Recipe, nowSeconds);
  const b64False = { ...base.header, extensions: { crit: ["b64"], b64: false } };
  const cases: Partial<Recipe>[] = [
    {},
    { signer: "ours-eddsa" },
    // RFC 7797 unencoded payload, validly signed: refused after the signature; an unknown kid
    // earns UNKNOWN_KEY first, unless the payload is not ASCII, which is refused before the key.
    { header: b64False },
    { header: { ...b64False, kid: "s-unknown-rs256" } },
    { header: { ...b64False, kid: "s-unknown-rs256" }, payloadMutation: { kind: "insert", at: 3, text: "é" } },
    { header: { ...b64False, kid: "s-unknown-rs256" }, payloadMutation: { kind: "insert", at: 3, text: "é" }, mutateBeforeSigning: true },
    { header: { ...base.header, extensions: { crit: ["b64", "b64"], b64: true } } },
    // jose's base64url is WHATWG forgiving-base64: padding, whitespace and leftover bits pass.
    { headerMutation: { kind: "pad", padding: "==" }, mutateBeforeSigning: true },
    { payloadMutation: { kind: "insert", at: 5, text: " " }, mutateBeforeSigning: true },
    { signatureMutation: { kind: "pad", padding: "==" } },
    { signatureMutation: { kind: "pad", padding: "=" } },
    { signatureMutation: { kind: "insert", at: 10, text: "\n" } },
    { signatureMutation: { kind: "insert", at: 10, text: "\v" } },
    { signatureMutation: { kind: "lastBit" } },
    { signer: "ours-eddsa", signatureMutation: { kind: "lastBit" } },
    { signatureMutation: { kind: "standardAlphabet" } },
    { headerRaw: Buffer.from("BOM"), payloadRaw: Buffer.from("BOM") },
    { payloadRaw: Buffer.from("BAD_UTF8") },
    { headerRaw: Buffer.from("BAD_UTF8") },
    { header: { ...base.header, typ: "application/JWT" } },
    { header: { ...base.header, kid: "s-unknown-rs256", typ: "nope" }, claims: { ...base.claims, exp: nowSeconds - 10 } },
    { claims: { ...base.claims, exp: nowSeconds, aud: "https://other.example" } },
    { claims: { ...base.claims, nbf: nowSeconds + 1, exp: nowSeconds - 1 } },
    { claims: { ...base.claims, exp: nowSeconds - 1, aud: ABSENT, sub: 7 } },
  ];
  // A lone last character (length 1 mod 4) is refused, not dropped: one of each three lengths
  // puts the segment on a whole quantum before the extra "A".
  for (const filler of ["", "1", "12"]) {
    for (const padding of ["A", "A\n"]) {
      cases.push({ header: { ...base.header, embedded: { x: filler } }, headerMutation: { kind: "pad", padding }, mutateBeforeSigning: true });
      cases.push({ claims: { ...base.claims, extra: filler }, payloadMutation: { kind: "pad", padding }, mutateBeforeSigning: true });
    }
  }
  return cases.map((overrides) => [{ ...base, ...overrides }]);
}

describe("access-token verification: node:crypto and jose agree", () => {
  it(`on ${RUNS} generated and mutated tokens`, { timeout: TIMEOUT_MS }, async () => {
    const f = await fixture();
    const seen = new Map<string, number>();
    await fc.assert(
      fc.asyncProperty(focusedRecipe(Math.floor(f.now.getTime() / 1000)), async (r) => {
        const verdict = await compare(f, build(f, r), r.maxBytes);
        const name = "status" in verdict ? verdict.status : `thrown ${verdict.thrown}`;
        seen.set(name, (seen.get(name) ?? 0) + 1);
      }),
      { numRuns: RUNS, examples: examples(Math.floor(f.now.getTime() / 1000)) },
    );
    if (process.env.DIFFERENTIAL_DEBUG) console.log(Object.fromEntries(seen));
    // The generator reaches every verdict, so agreement is tested on each of them.
    if (RUNS >= 1000) {
      for (const status of ["OK", "EXPIRED", "UNKNOWN_KEY", "OTHER_AUDIENCE", "INVALID"]) expect(seen.get(status) ?? 0, status).toBeGreaterThan(0);
    }
  });

  it("while the key store is down: the same answers, the same STORE_FAILED for a kid never seen", { timeout: TIMEOUT_MS }, async () => {
    const { stores, outage } = withOutageSwitch(createMemoryStores());
    const { ctx, clock } = createTestEngine({}, { stores });
    const key = await ctx.keyRing.getSigningKey(ctx.now());
    outage.down = true;
    clock.advanceSeconds(120); // past the ring's periodic re-read: every lookup may try the store
    const now = Math.floor(ctx.now().getTime() / 1000);
    const f = { ring: ctx.keyRing, now: ctx.now(), issuer: ctx.issuer, audience: ctx.config.session.accessTokenAudience };
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(key.kid, "s-unknown-rs256", "x".repeat(65), 7),
        fc.constantFrom(now + 60, now - 60),
        fc.boolean(),
        async (kid, exp, seconds) => {
          if (seconds) clock.advanceSeconds(1.5);
          const input = `${Buffer.from(JSON.stringify({ alg: "RS256", kid, typ: "JWT" })).toString("base64url")}.${Buffer.from(JSON.stringify({ sub: "u", sessionHandle: "h", iat: now, exp, iss: f.issuer, aud: f.audience })).toString("base64url")}`;
          const token = `${input}.${cryptoSign("sha256", Buffer.from(input), key.keyObject).toString("base64url")}`;
          const args = { keyRing: f.ring, now: ctx.now(), issuer: f.issuer, audience: f.audience, maxBytes: 8192, token };
          f.ring.verifiedTokens.clear();
          const ours = await verdictOf(() => verifyAccessToken(args));
          const jose = await verdictOf(() => verifyAccessTokenWithJose(args));
          expect(ours, `${kid} ${exp}`).toEqual(jose);
        },
      ),
      { numRuns: Math.min(RUNS, 200) },
    );
  });
});
