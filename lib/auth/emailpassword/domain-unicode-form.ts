/*
 * An email domain in the one form it is stored and compared in: its Unicode form, as IDNA
 * round-trips it. `bücher.example` and `xn--bcher-kva.example` (the form DNS carries) are one
 * domain to every mail system, so one address must not be two accounts.
 *
 * Runs in the browser too (the forms check emails with the server's own code, through
 * credential-checks.ts), so it uses no `node:url`: ToASCII is the WHATWG URL host parser (UTS #46,
 * as `domainToASCII` is in Node), and ToUnicode decodes the `xn--` labels (RFC 3492).
 */

const MAX_DOMAIN_LENGTH = 255;

/**
 * The domain's Unicode form when the domain is written in one of its own forms (ASCII, `xn--…`,
 * or Unicode that IDNA maps to itself); otherwise the domain as given. A domain that IDNA cannot
 * read, or maps to another domain (a zero-width space or a soft hyphen dropped, full-width letters
 * narrowed, `。` read as a dot), is kept as written: it is not the domain it resembles, and
 * sign-up refuses it as such a twin (`isAddressDeliveredAsWritten`), rather than having it
 * quietly become another mailbox's address. Expects the domain lower-cased and in NFC.
 */
export function unicodeFormOfDomain(domain: string): string {
  // No mail domain is longer (RFC 5321 section 4.5.3.1.2), and validation refuses the address
  // anyway. Unbounded, 200,000 `ü` decoded back from their ASCII form overflowed the stack.
  if (domain.length > MAX_DOMAIN_LENGTH) return domain;
  // Lower-cased ASCII without an `xn--` label is its own form: nothing for IDNA to change. (The URL
  // parser would read `0x7f.1` as an IPv4 address, which is no IDNA of a mail domain's.)
  if (/^\p{ASCII}*$/u.test(domain) && !/(^|\.)xn--/.test(domain)) return domain;
  const ascii = asciiForm(domain);
  const unicode = ascii === undefined ? undefined : unicodeForm(ascii);
  // Only a round trip is trusted: `ascii` equal to the domain means it was written as DNS carries
  // it, `unicode` equal to it that it is in its Unicode form already. Anything the parser read
  // otherwise (a port, a path, a percent-escape, a mapped character) leaves the domain as it is.
  if (unicode === undefined || (ascii !== domain && unicode !== domain)) return domain;
  return unicode;
}

/** The domain's ASCII form as a URL host, or undefined when it is none. */
function asciiForm(domain: string): string | undefined {
  try {
    return new URL(`http://${domain}/`).hostname;
  } catch {
    return undefined;
  }
}

/** Each `xn--` label of an ASCII domain decoded, or undefined when one does not decode. */
function unicodeForm(ascii: string): string | undefined {
  const labels: string[] = [];
  for (const label of ascii.split(".")) {
    if (!label.startsWith("xn--")) labels.push(label);
    else {
      const decoded = decodePunycode(label.slice(4));
      if (decoded === undefined) return undefined;
      labels.push(decoded);
    }
  }
  return labels.join(".");
}

// RFC 3492's parameters for IDNA (section 5).
const BASE = 36;
const T_MIN = 1;
const T_MAX = 26;
const SKEW = 38;
const DAMP = 700;
const INITIAL_BIAS = 72;
const INITIAL_N = 0x80;
/** Past this a label has no code point left to name: refused before the arithmetic loses precision. */
const MAX_INT = 0x7fffffff;

/** RFC 3492 section 6.1. */
function adapt(delta: number, points: number, first: boolean): number {
  let d = first ? Math.floor(delta / DAMP) : delta >> 1;
  d += Math.floor(d / points);
  let k = 0;
  while (d > ((BASE - T_MIN) * T_MAX) >> 1) {
    d = Math.floor(d / (BASE - T_MIN));
    k += BASE;
  }
  return k + Math.floor(((BASE - T_MIN + 1) * d) / (d + SKEW));
}

/** A digit's value (a–z 0–25, 0–9 26–35; labels are lower-case here), or -1. */
function digitValue(code: number): number {
  if (code >= 0x61 && code <= 0x7a) return code - 0x61;
  if (code >= 0x30 && code <= 0x39) return code - 0x30 + 26;
  return -1;
}

/** RFC 3492 section 6.2: the label's code points, or undefined for a label that is no Punycode. */
function decodePunycode(input: string): string | undefined {
  const delimiter = input.lastIndexOf("-");
  const output: number[] = [];
  for (let j = 0; j < Math.max(delimiter, 0); j++) {
    const code = input.charCodeAt(j);
    if (code >= 0x80) return undefined;
    output.push(code);
  }
  let n = INITIAL_N;
  let bias = INITIAL_BIAS;
  let i = 0;
  for (let at = delimiter > 0 ? delimiter + 1 : 0; at < input.length;) {
    const before = i;
    let w = 1;
    for (let k = BASE; ; k += BASE) {
      if (at >= input.length) return undefined;
      const digit = digitValue(input.charCodeAt(at++));
      if (digit < 0 || digit * w > MAX_INT - i) return undefined;
      i += digit * w;
      const t = k <= bias ? T_MIN : k >= bias + T_MAX ? T_MAX : k - bias;
      if (digit < t) break;
      if (w > MAX_INT / (BASE - t)) return undefined;
      w *= BASE - t;
    }
    const length = output.length + 1;
    bias = adapt(i - before, length, before === 0);
    n += Math.floor(i / length);
    i %= length;
    if (n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff)) return undefined;
    output.splice(i, 0, n);
    i++;
  }
  return String.fromCodePoint(...output);
}
