/**
 * Test-only: the token recipes of the access-token differential test
 * (session/access-token-differential.test.ts): fast-check arbitraries for a token's header,
 * claims, raw JSON, signer, segment mutations and shape, and focusedRecipe, which perturbs a few
 * dimensions of a valid token's recipe. differential-token-builder.ts turns a recipe into a token.
 */
import fc from "fast-check";
import type { Signer } from "./differential-token-fixture";
import { mutation } from "./differential-token-mutations";

export const ABSENT = Symbol("absent");
export type Maybe<T> = T | typeof ABSENT;

/** Claims: each field valid, missing, of another type, or shifted in time. */
function claimsArbitrary(nowSeconds: number) {
  const present = <T>(weight: number, a: fc.Arbitrary<T>) => ({ weight, arbitrary: a });
  const oddTypes = fc.constantFrom<unknown>(null, 1, true, [], {}, ["x"], "", "1");
  const time = (valid: number[]) =>
    fc.oneof(
      present(6, fc.constantFrom(...valid)),
      present(1, fc.constant<Maybe<unknown>>(ABSENT)),
      present(1, oddTypes),
      present(1, fc.constantFrom<unknown>(nowSeconds + 0.5, nowSeconds - 0.5, 1e308, -1, 0)),
    );
  return fc.record({
    sub: fc.oneof(present(8, fc.constant<unknown>("user-1")), present(1, fc.constant<Maybe<unknown>>(ABSENT)), present(1, oddTypes)),
    sessionHandle: fc.oneof(present(8, fc.constant<unknown>("handle-1")), present(1, fc.constant<Maybe<unknown>>(ABSENT)), present(1, oddTypes)),
    iat: time([nowSeconds, nowSeconds - 60, nowSeconds + 3600]),
    exp: time([nowSeconds + 3600, nowSeconds + 1, nowSeconds, nowSeconds - 1]),
    nbf: fc.oneof(
      present(6, fc.constant<Maybe<unknown>>(ABSENT)),
      present(2, fc.constantFrom<unknown>(nowSeconds, nowSeconds - 10, nowSeconds + 1, nowSeconds + 0.5)),
      present(1, oddTypes),
    ),
    iss: fc.oneof(
      present(8, fc.constant<unknown>("ISSUER")),
      present(1, fc.constant<Maybe<unknown>>(ABSENT)),
      present(1, fc.constantFrom<unknown>("ISSUER/", "https://evil.example", ["ISSUER"], null, "")),
    ),
    aud: fc.oneof(
      present(7, fc.constant<unknown>("AUDIENCE")),
      present(1, fc.constant<Maybe<unknown>>(ABSENT)),
      present(2, fc.constantFrom<unknown>("https://other.example", ["AUDIENCE"], "", 1, null, "AUDIENCE ")),
    ),
    extra: fc.oneof(
      present(3, fc.constant<Maybe<unknown>>(ABSENT)),
      present(1, fc.constantFrom<unknown>("user", { nested: ["a", 1] }, "x".repeat(600))),
    ),
  });
}

function headerArbitrary() {
  const maybe = <T>(weight: number, a: fc.Arbitrary<T>, absentWeight = 1) =>
    fc.oneof({ weight, arbitrary: a as fc.Arbitrary<unknown> }, { weight: absentWeight, arbitrary: fc.constant<unknown>(ABSENT) });
  return fc.record({
    alg: fc.oneof(
      { weight: 10, arbitrary: fc.constant<unknown>("MATCH") },
      {
        weight: 3,
        arbitrary: fc.constantFrom<unknown>("RS256", "EdDSA", "none", "None", "HS256", "RS384", "ES256", "PS256", "Ed25519", "", "rs256", null, 1, [
          "RS256",
        ]),
      },
      { weight: 1, arbitrary: fc.constant<unknown>(ABSENT) },
    ),
    kid: fc.oneof(
      { weight: 10, arbitrary: fc.constant<unknown>("MATCH") },
      {
        weight: 3,
        arbitrary: fc.constantFrom<unknown>("RS", "ED", "OTHER_RING", "s-unknown-rs256", "../../etc/passwd", "", "x".repeat(65), 42, null, {
          $ne: null,
        }),
      },
      { weight: 1, arbitrary: fc.constant<unknown>(ABSENT) },
    ),
    typ: fc.oneof(
      { weight: 10, arbitrary: fc.constant<unknown>("JWT") },
      {
        weight: 3,
        arbitrary: fc.constantFrom<unknown>(
          "jwt",
          "application/jwt",
          "Application/JWT",
          "at+jwt",
          "application/at+jwt",
          "JOSE",
          "",
          "JWT ",
          1,
          null,
          "application/jwt; x",
        ),
      },
      { weight: 1, arbitrary: fc.constant<unknown>(ABSENT) },
    ),
    // Critical extensions and RFC 7797's b64, which only counts when made critical.
    extensions: maybe(
      3,
      fc.constantFrom<unknown>(
        { crit: ["b64"], b64: false },
        { crit: ["b64"], b64: false },
        { crit: ["b64"], b64: true },
        { crit: ["b64", "b64"], b64: true },
        { crit: ["b64"] },
        { crit: ["b64"], b64: "false" },
        { crit: ["b64"], b64: null },
        { b64: false },
        { crit: [] },
        { crit: ["exp"], exp: 1 },
        { crit: ["x-bypass"], "x-bypass": true },
        { crit: [""] },
        { crit: [1] },
        { crit: "b64", b64: true },
        { crit: null },
        { crit: ["b64", "x"], b64: true, x: 1 },
        { crit: ["alg"] },
      ),
      8,
    ),
    embedded: maybe(
      1,
      fc.constantFrom<unknown>(
        { jwk: { kty: "oct", k: "AAAA" } },
        { jku: "https://evil.example/jwks" },
        { x5u: "https://evil.example/x5" },
        { "x-bypass": true },
      ),
      8,
    ),
  });
}

/** Raw JSON text for a segment: usually the object's JSON, sometimes something else entirely. */
const rawJson = fc.oneof(
  { weight: 20, arbitrary: fc.constant<Maybe<Buffer>>(ABSENT) },
  {
    weight: 1,
    arbitrary: fc.constantFrom<Maybe<Buffer>>(
      Buffer.from("[]"),
      Buffer.from("null"),
      Buffer.from("1"),
      Buffer.from('"x"'),
      Buffer.from("{"),
      Buffer.from(""),
      Buffer.from([0xff, 0xfe, 0x7b, 0x7d]),
      Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0x22, 0x3a, 0x31, 0x7d]),
    ),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom<Maybe<Buffer>>(Buffer.from("BOM"), Buffer.from("DUPLICATE"), Buffer.from("SPACED"), Buffer.from("BAD_UTF8")),
  },
);

const recipe = (nowSeconds: number) =>
  fc.record({
    header: headerArbitrary(),
    claims: claimsArbitrary(nowSeconds),
    signer: fc.oneof(
      { weight: 10, arbitrary: fc.constantFrom<Signer>("ours-rs256", "ours-eddsa") },
      {
        weight: 3,
        arbitrary: fc.constantFrom<Signer>("ours-rs384", "ours-ps256", "other-rs256", "other-eddsa", "es256", "hs256-public", "none", "random"),
      },
    ),
    random: fc.base64String({ maxLength: 400 }).map((s) => s.replace(/\+/g, "-").replace(/\//g, "_").replace(/=/g, "")),
    headerRaw: rawJson,
    payloadRaw: rawJson,
    // Header and payload mutations applied before signing (the signature covers the mutated
    // text: decoding alone decides) or after it (the signature must fail).
    headerMutation: mutation,
    payloadMutation: mutation,
    mutateBeforeSigning: fc.boolean(),
    signatureMutation: mutation,
    segments: fc.oneof(
      { weight: 20, arbitrary: fc.constant("three" as const) },
      { weight: 1, arbitrary: fc.constantFrom("two" as const, "four" as const, "empty-payload" as const, "empty" as const, "dots" as const) },
    ),
    maxBytes: fc.oneof({ weight: 8, arbitrary: fc.constant(8192) }, { weight: 1, arbitrary: fc.constantFrom(1, 300, 700) }),
  });

export type Recipe = ReturnType<typeof recipe> extends fc.Arbitrary<infer R> ? R : never;

/** Everything a recipe varies, as `part.field` paths (the parts are the recipe's records). */
const DIMENSIONS = [
  ...["alg", "kid", "typ", "extensions", "embedded"].map((d) => `header.${d}`),
  ...["sub", "sessionHandle", "iat", "exp", "nbf", "iss", "aud", "extra"].map((d) => `claims.${d}`),
  ...["signer", "headerRaw", "payloadRaw", "headerMutation", "payloadMutation", "signatureMutation", "segments", "maxBytes"],
];

/** A valid token's recipe, RS256 or EdDSA, which a few perturbed dimensions then change. */
export function cleanRecipe(r: Recipe, nowSeconds: number): Recipe {
  const none = { kind: "none" as const };
  return {
    ...r,
    header: { alg: "MATCH", kid: "MATCH", typ: "JWT", extensions: ABSENT, embedded: ABSENT },
    claims: {
      sub: "user-1",
      sessionHandle: "handle-1",
      iat: nowSeconds,
      exp: nowSeconds + 3600,
      nbf: ABSENT,
      iss: "ISSUER",
      aud: "AUDIENCE",
      extra: ABSENT,
    },
    signer: r.signer === "ours-eddsa" ? "ours-eddsa" : "ours-rs256",
    headerRaw: ABSENT,
    payloadRaw: ABSENT,
    headerMutation: none,
    payloadMutation: none,
    signatureMutation: none,
    segments: "three",
    maxBytes: 8192,
  };
}

/** Dimensions whose checks interact (jose's order decides between their verdicts). */
const RELATED = [
  ["header.extensions", "payloadMutation", "header.kid"],
  ["header.extensions", "signer"],
  ["header.kid", "header.alg", "signer"],
  ["header.kid", "payloadMutation"],
  ["header.kid", "claims.exp"],
  ["signer", "signatureMutation", "claims.exp"],
  ["claims.exp", "claims.nbf", "claims.iat"],
  ["claims.aud", "claims.iss", "claims.exp"],
  ["claims.aud", "claims.sub", "claims.sessionHandle"],
  ["claims.aud", "header.typ", "payloadRaw"],
  ["headerMutation", "payloadMutation", "signatureMutation"],
  ["headerRaw", "header.kid"],
];

/**
 * Mostly a valid token with one to three dimensions taken from the random recipe (so that
 * every check is reached on tokens that pass all the others), or a few related ones, sometimes
 * the random recipe whole.
 */
export const focusedRecipe = (nowSeconds: number) =>
  fc
    .record({
      random: recipe(nowSeconds),
      perturb: fc.oneof(
        { weight: 1, arbitrary: fc.constant(DIMENSIONS) },
        { weight: 4, arbitrary: fc.subarray(DIMENSIONS, { minLength: 1, maxLength: 3 }) },
        { weight: 2, arbitrary: fc.constantFrom(...RELATED) },
      ),
    })
    .map(({ random, perturb }) => {
      const result = cleanRecipe(random, nowSeconds) as unknown as Record<string, Record<string, unknown>>;
      const source = random as unknown as Record<string, Record<string, unknown>>;
      for (const path of perturb) {
        const [part, field] = path.split(".");
        if (field === undefined) result[part] = source[part];
        else result[part] = { ...result[part], [field]: source[part][field] };
      }
      return result as unknown as Recipe;
    });
