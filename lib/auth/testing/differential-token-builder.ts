/**
 * Test-only: turns a recipe of the access-token differential test
 * (session/access-token-differential.test.ts, recipes in differential-token-recipes.ts) into a
 * token, signed with the fixture's keys (differential-token-fixture.ts).
 */
import { signatureOf, type Fixture } from "./differential-token-fixture";
import { mutate } from "./differential-token-mutations";
import { ABSENT, type Maybe, type Recipe } from "./differential-token-recipes";

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

export function build(f: Fixture, r: Recipe): string {
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
