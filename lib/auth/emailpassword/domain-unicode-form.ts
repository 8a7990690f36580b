/*
 * An email domain in the one form it is stored and compared in: its Unicode form, as IDNA
 * round-trips it. `bücher.example` and `xn--bcher-kva.example` (the form DNS carries) are one
 * domain to every mail system, so one address must not be two accounts.
 *
 * Runs in the browser too (the forms check emails with the server's own code, through
 * credential-checks.ts), so it uses no `node:url`: ToASCII is the WHATWG URL host parser (UTS #46,
 * as `domainToASCII` is in Node), and ToUnicode decodes the `xn--` labels with punycode.js
 * (imported by its file path, as its CommonJS default: in Node the bare name is the deprecated
 * built-in module).
 */
import punycode from "punycode/punycode.js";

const MAX_DOMAIN_LENGTH = 255;

/**
 * The domain's Unicode form when the domain is written in one of its own forms (ASCII, `xn--…`,
 * or Unicode that IDNA maps to itself); otherwise the domain as given. A domain that IDNA cannot
 * read, or maps to another domain (a zero-width space or a soft hyphen dropped, full-width letters
 * narrowed, `。` read as a dot), is kept as written: it is not the domain it resembles, and
 * sign-up refuses it as such a twin (`isAddressDeliveredAsWritten`), rather than having it
 * quietly become another mailbox's address. So is a domain whose `xn--` label decodes to plain
 * ASCII (`xn--corp-` to `corp`): a DNS name of its own, shown as it is written.
 * Expects the domain lower-cased and in NFC.
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
  // And the Unicode form must lead back to the same ASCII. The parser (Node's and Chromium's)
  // takes `xn--corp-`, which decodes to the ASCII `corp`, as it is, yet to DNS it is a label of
  // its own that someone else may hold: read as `corp`, `boss@xn--corp-.example` would be the
  // account of `boss@corp.example` (a false merge, so a takeover by any provider vouching for
  // the look-alike). Checked here, each spelling of a domain keeps its one DNS name.
  if (unicode !== domain && asciiForm(unicode) !== ascii) return domain;
  return unicode;
}

/**
 * Whether lower-casing the domain as JavaScript does (`lowered`, from `typed` in NFC) left the DNS
 * name IDNA reads `typed` as. It does not always: `ẞ` (U+1E9E) lower-cases to `ß` where IDNA maps
 * it to `ss`, and a `Σ` ending a word to `ς` where IDNA maps it to `σ`, so `STRAẞE.example`, which
 * every mailer delivers to strasse.example, lower-cased is straße.example, another domain.
 */
export function isLowerCasedAsIdnaReadsIt(typed: string, lowered: string): boolean {
  if (typed === lowered || /^\p{ASCII}*$/u.test(typed) || typed.length > MAX_DOMAIN_LENGTH) return true;
  return asciiForm(typed) === asciiForm(lowered);
}

/** The domain's ASCII form as a URL host, or undefined when it is none. */
function asciiForm(domain: string): string | undefined {
  try {
    return new URL(`http://${domain}/`).hostname;
  } catch {
    return undefined;
  }
}

/** Each `xn--` label of an ASCII domain decoded (RFC 3492), or undefined when one does not decode. */
function unicodeForm(ascii: string): string | undefined {
  try {
    return punycode.toUnicode(ascii);
  } catch {
    return undefined;
  }
}
