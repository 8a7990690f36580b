/**
 * Base64url decoding of a JWS segment with exactly the acceptance rules of jose 6, which the
 * access-token verifier used to be and which the differential test (access-token-differential
 * .test.ts) holds it to. jose decodes with WHATWG's "forgiving-base64" (`atob`, or
 * `Uint8Array.fromBase64` where the runtime has it) after refusing `+` and `/`, so it accepts:
 * - ASCII whitespace anywhere (tab, LF, FF, CR, space), which is ignored;
 * - `=` padding, one or two, only at the end and only to a whole 4-character quantum;
 * - non-zero leftover bits in the last character (they are dropped).
 * It refuses any other character, a lone last character (length ≡ 1 mod 4) and misplaced or
 * excess `=`. Being more forgiving would accept tokens jose refused; being stricter would sign
 * out sessions jose accepted. Signature checks are over the raw segment text, so none of this
 * lets two different claim sets share one signature.
 */

const CANONICAL = /^[A-Za-z0-9_-]*$/;
const FORGIVING = /^([A-Za-z0-9_-]*)(={0,2})$/;
const ASCII_WHITESPACE = /[\t\n\f\r ]/g;

/** The bytes of a base64url segment, or null where jose would refuse it. */
export function decodeSegment(segment: string): Buffer | null {
  // The common case: the unpadded alphabet only, as every encoder of JWS writes it.
  if (CANONICAL.test(segment)) return segment.length % 4 === 1 ? null : Buffer.from(segment, "base64url");
  const match = FORGIVING.exec(segment.replace(ASCII_WHITESPACE, ""));
  if (!match) return null;
  const [whole, data, padding] = match;
  if (padding.length > 0 && whole.length % 4 !== 0) return null;
  if (data.length % 4 === 1) return null;
  return Buffer.from(data, "base64url");
}
