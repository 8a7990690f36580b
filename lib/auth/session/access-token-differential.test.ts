/**
 * Differential test of the access-token verifier (node:crypto, access-token.ts) against jose's
 * `jwtVerify` as Gatehouse used it (testing/access-token-jose-oracle.ts): fast-check builds
 * tokens from headers, algorithms, kids, claims, signing keys and base64url encodings, mutates
 * them, and both verifiers must give every token the same verdict (the same claims when OK, the
 * same error when the key store is down).
 *
 * `npm test` runs a few thousand cases; `DIFFERENTIAL_RUNS=100000` runs the bench profile
 * (`DIFFERENTIAL_DEBUG=1` prints how many tokens got each verdict):
 *   DIFFERENTIAL_RUNS=100000 npx vitest run --project unit lib/auth/session/access-token-differential.test.ts
 */
import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { createHmac, createPublicKey, generateKeyPairSync, sign as cryptoSign, type KeyObject } from "node:crypto";
import { createTestEngine, createTestClock } from "../testing/test-engine";
import { createMemoryStores } from "../testing/memory-stores";
import { withOutageSwitch } from "../testing/outage-stores";
import { verifyAccessTokenWithJose } from "../testing/access-token-jose-oracle";
import { isGatehouseError } from "../errors";
import { verifyAccessToken } from "./access-token";
import type { SigningKeyRing } from "./signing-keys";

const RUNS = Number(process.env.DIFFERENTIAL_RUNS ?? 2500);
/** 30 ms a case: generous, for a loaded machine; the time is never asserted. */
const TIMEOUT_MS = 20_000 + RUNS * 30;

const ABSENT = Symbol("absent");
type Maybe<T> = T | typeof ABSENT;

/** A signing recipe: which key signs, and with which algorithm's scheme. */
type Signer =
  "ours-rs256" | "ours-eddsa" | "ours-rs384" | "ours-ps256" | "other-rs256" | "other-eddsa" | "es256" | "hs256-public" | "none" | "random";

interface Fixture {
  ring: SigningKeyRing;
  now: Date;
  issuer: string;
  audience: string;
  kids: { rs: string; ed: string; otherRing: string };
  keys: Record<"oursRs" | "oursEd" | "otherRs" | "otherEd" | "es256", KeyObject>;
  hmacSecret: string;
}

async function fixture(): Promise<Fixture> {
  // Two engines on one store, so that the ring holds an RS256 and an EdDSA key; a third on its
  // own store stands for another deployment's ring.
  const stores = createMemoryStores();
  const clock = createTestClock();
  const ed = createTestEngine({ session: { signingAlgorithm: "EdDSA" } }, { stores, clock });
  const edKey = await ed.ctx.keyRing.getSigningKey(clock.now());
  const { ctx } = createTestEngine({ session: { signingAlgorithm: "RS256" } }, { stores, clock });
  const rsKey = await ctx.keyRing.getSigningKey(clock.now());
  const other = createTestEngine({ session: { signingAlgorithm: "RS256" } });
  const otherKey = await other.ctx.keyRing.getSigningKey(other.ctx.now());
  const lookup = await ctx.keyRing.getVerifyKey(edKey.kid, "EdDSA", clock.now());
  if (lookup.status !== "OK") throw new Error("the ring does not hold the EdDSA key");
  const publicPem = createPublicKey(rsKey.keyObject).export({ type: "spki", format: "pem" }).toString();
  return {
    ring: ctx.keyRing,
    now: ctx.now(),
    issuer: ctx.issuer,
    audience: ctx.config.session.accessTokenAudience,
    kids: { rs: rsKey.kid, ed: edKey.kid, otherRing: otherKey.kid },
    keys: {
      oursRs: rsKey.keyObject,
      oursEd: edKey.keyObject,
      otherRs: otherKey.keyObject,
      otherEd: generateKeyPairSync("ed25519").privateKey,
      es256: generateKeyPairSync("ec", { namedCurve: "P-256" }).privateKey,
    },
    hmacSecret: publicPem,
  };
}

function signatureOf(f: Fixture, signer: Signer, input: string, random: string): string {
  const data = Buffer.from(input, "latin1");
  const b64 = (bytes: Buffer) => bytes.toString("base64url");
  switch (signer) {
    case "ours-rs256":
      return b64(cryptoSign("sha256", data, f.keys.oursRs));
    case "ours-eddsa":
      return b64(cryptoSign(null, data, f.keys.oursEd));
    case "ours-rs384":
      return b64(cryptoSign("sha384", data, f.keys.oursRs));
    case "ours-ps256":
      return b64(cryptoSign("sha256", data, { key: f.keys.oursRs, padding: 6, saltLength: 32 }));
    case "other-rs256":
      return b64(cryptoSign("sha256", data, f.keys.otherRs));
    case "other-eddsa":
      return b64(cryptoSign(null, data, f.keys.otherEd));
    case "es256":
      return b64(cryptoSign("sha256", data, { key: f.keys.es256, dsaEncoding: "ieee-p1363" }));
    case "hs256-public":
      return b64(createHmac("sha256", f.hmacSecret).update(data).digest());
    case "none":
      return "";
    case "random":
      return random;
  }
}

/** A base64url segment mutated as an attacker or a broken client might. */
type Mutation =
  | { kind: "none" }
  | { kind: "pad"; padding: string }
  | { kind: "insert"; at: number; text: string }
  | { kind: "replace"; at: number; char: string }
  | { kind: "truncate"; by: number }
  | { kind: "lastBit" }
  | { kind: "standardAlphabet" };

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

function mutate(segment: string, m: Mutation): string {
  const at = (n: number) => (segment.length === 0 ? 0 : n % (segment.length + 1));
  switch (m.kind) {
    case "none":
      return segment;
    case "pad":
      return segment + m.padding;
    case "insert":
      return segment.slice(0, at(m.at)) + m.text + segment.slice(at(m.at));
    case "replace": {
      if (segment.length === 0) return m.char;
      const i = m.at % segment.length;
      return segment.slice(0, i) + m.char + segment.slice(i + 1);
    }
    case "truncate":
      return segment.slice(0, Math.max(0, segment.length - m.by));
    case "lastBit": {
      // Flips the lowest bit of the last character: a leftover (ignored) bit when the length is
      // 2 or 3 mod 4, so the bytes may not change while the text does.
      if (segment.length === 0) return segment;
      const i = ALPHABET.indexOf(segment[segment.length - 1]);
      return i < 0 ? segment : segment.slice(0, -1) + ALPHABET[i ^ 1];
    }
    case "standardAlphabet":
      return segment.replace(/-/g, "+").replace(/_/g, "/");
  }
}

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 12, arbitrary: fc.constant({ kind: "none" as const }) },
  { weight: 1, arbitrary: fc.constantFrom("=", "==", "===", "= =", "=A", "A").map((padding) => ({ kind: "pad" as const, padding })) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant("insert" as const),
      at: fc.nat(400),
      text: fc.constantFrom(" ", "\n", "\t", "\r", "\f", "\v", "\u00a0", "+", "/", "*", "=", ".", "A", "AA", "é", "\u0000", "~", "%"),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant("insert" as const), at: fc.nat(400), text: fc.constantFrom("é", "\u00a0", "\u2028", "\u{1f600}") }),
  },
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant("replace" as const), at: fc.nat(400), char: fc.constantFrom(...ALPHABET, "+", "/", "=", "!") }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("truncate" as const), by: fc.integer({ min: 1, max: 5 }) }) },
  { weight: 1, arbitrary: fc.constant({ kind: "lastBit" as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: "standardAlphabet" as const }) },
);

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

type Recipe = ReturnType<typeof recipe> extends fc.Arbitrary<infer R> ? R : never;

/** Everything a recipe varies, as `part.field` paths (the parts are the recipe's records). */
const DIMENSIONS = [
  ...["alg", "kid", "typ", "extensions", "embedded"].map((d) => `header.${d}`),
  ...["sub", "sessionHandle", "iat", "exp", "nbf", "iss", "aud", "extra"].map((d) => `claims.${d}`),
  ...["signer", "headerRaw", "payloadRaw", "headerMutation", "payloadMutation", "signatureMutation", "segments", "maxBytes"],
];

/** A valid token's recipe, RS256 or EdDSA, which a few perturbed dimensions then change. */
function cleanRecipe(r: Recipe, nowSeconds: number): Recipe {
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
const focusedRecipe = (nowSeconds: number) =>
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

function jsonBytes(value: Record<string, unknown>, raw: Maybe<Buffer>): Buffer {
  const json = JSON.stringify(value);
  if (raw === ABSENT) return Buffer.from(json);
  switch (raw.toString()) {
    case "BOM":
      return Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(json)]);
    // A key given twice: JSON.parse keeps the last; both verifiers must read it the same way.
    case "DUPLICATE":
      return Buffer.from(json.replace(/^\{/, '{"alg":"none","sub":7,"exp":"x","iss":1,'));
    case "SPACED":
      return Buffer.from(JSON.stringify(value, null, 2));
    // Valid JSON around a string that is not valid UTF-8: jose refuses it rather than replace it.
    case "BAD_UTF8":
      return Buffer.concat([Buffer.from('{"x":"'), Buffer.from([0xc3, 0x28]), Buffer.from(`",${json.slice(1)}`)]);
    default:
      return raw;
  }
}

function build(f: Fixture, r: Recipe): string {
  const natural =
    r.signer === "ours-eddsa" || r.signer === "other-eddsa"
      ? "EdDSA"
      : r.signer === "ours-rs384"
        ? "RS384"
        : r.signer === "ours-ps256"
          ? "PS256"
          : r.signer === "es256"
            ? "ES256"
            : r.signer === "hs256-public"
              ? "HS256"
              : r.signer === "none"
                ? "none"
                : "RS256";
  const naturalKid =
    r.signer === "ours-eddsa"
      ? f.kids.ed
      : r.signer === "other-rs256"
        ? f.kids.otherRing
        : r.signer === "other-eddsa"
          ? "s-unknown-eddsa"
          : f.kids.rs;
  const kids: Record<string, string> = { MATCH: naturalKid, RS: f.kids.rs, ED: f.kids.ed, OTHER_RING: f.kids.otherRing };
  const header: Record<string, unknown> = {};
  const set = (target: Record<string, unknown>, name: string, value: unknown) => {
    if (value !== ABSENT) target[name] = value;
  };
  set(header, "alg", r.header.alg === "MATCH" ? natural : r.header.alg);
  set(header, "kid", typeof r.header.kid === "string" && r.header.kid in kids ? kids[r.header.kid] : r.header.kid);
  set(header, "typ", r.header.typ);
  if (r.header.extensions !== ABSENT) Object.assign(header, r.header.extensions);
  if (r.header.embedded !== ABSENT) Object.assign(header, r.header.embedded);
  const claims: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(r.claims)) {
    const resolved = value === "ISSUER" ? f.issuer : value === "AUDIENCE" ? f.audience : value === "AUDIENCE " ? `${f.audience} ` : value;
    if (name === "extra") set(claims, "role", resolved);
    else if (Array.isArray(resolved) && resolved[0] === "ISSUER") claims[name] = [f.issuer];
    else if (Array.isArray(resolved) && resolved[0] === "AUDIENCE") claims[name] = [f.audience];
    else set(claims, name, resolved);
  }
  let headerSegment = jsonBytes(header, r.headerRaw).toString("base64url");
  let payloadSegment = jsonBytes(claims, r.payloadRaw).toString("base64url");
  if (r.mutateBeforeSigning) {
    headerSegment = mutate(headerSegment, r.headerMutation);
    payloadSegment = mutate(payloadSegment, r.payloadMutation);
  }
  const signature = mutate(signatureOf(f, r.signer, `${headerSegment}.${payloadSegment}`, r.random), r.signatureMutation);
  if (!r.mutateBeforeSigning) {
    headerSegment = mutate(headerSegment, r.headerMutation);
    payloadSegment = mutate(payloadSegment, r.payloadMutation);
  }
  switch (r.segments) {
    case "three":
      return `${headerSegment}.${payloadSegment}.${signature}`;
    case "two":
      return `${headerSegment}.${payloadSegment}`;
    case "four":
      return `${headerSegment}.${payloadSegment}.${signature}.${signature}`;
    case "empty-payload":
      return `${headerSegment}..${signature}`;
    case "empty":
      return "";
    case "dots":
      return "..";
  }
}

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
