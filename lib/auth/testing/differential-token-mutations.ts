/**
 * Test-only: how the access-token differential test (session/access-token-differential.test.ts)
 * damages a token's base64url segments: the mutations fast-check draws, and mutate, which
 * applies one to a segment.
 */
import fc from "fast-check";

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

export function mutate(segment: string, m: Mutation): string {
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

export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
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
