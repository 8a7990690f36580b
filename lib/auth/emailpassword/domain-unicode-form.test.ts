import { domainToASCII, domainToUnicode } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { normaliseEmail } from "./credential-checks";
import { unicodeFormOfDomain } from "./domain-unicode-form";

/**
 * The rule as Node's IDNA states it: the Unicode form when the domain is one of the two forms of
 * one round trip (ASCII → Unicode → the same ASCII), else the domain.
 */
function byNodeUrl(domain: string): string {
  const ascii = domainToASCII(domain);
  if (ascii === "") return domain;
  const unicode = domainToUnicode(ascii);
  if (domainToASCII(unicode) !== ascii) return domain;
  return ascii === domain || unicode === domain ? unicode : domain;
}

describe("an email domain in its Unicode form", () => {
  it("gives a domain written as DNS carries it in Unicode, and keeps the Unicode form as it is", () => {
    expect(unicodeFormOfDomain("xn--bcher-kva.example")).toBe("b\u00fccher.example");
    expect(unicodeFormOfDomain("b\u00fccher.example")).toBe("b\u00fccher.example");
    expect(unicodeFormOfDomain("mail.xn--strae-oqa.example")).toBe("mail.stra\u00dfe.example");
    expect(unicodeFormOfDomain("xn--mgbh0fb.xn--kgbechtv")).toBe("\u0645\u062b\u0627\u0644.\u0625\u062e\u062a\u0628\u0627\u0631");
    expect(unicodeFormOfDomain("example.com")).toBe("example.com");
  });

  it("keeps as written a domain IDNA cannot read, or maps to another domain", () => {
    for (const domain of [
      // Twins of corp.com: IDNA drops or narrows these, sign-up refuses them as they are.
      "corp.com\u200b",
      "cor\u00adp.com",
      "\uff43orp.com",
      "corp\u3002com",
      // No Punycode, or what URLs read beside a host.
      "xn--zz.example",
      "xn--.example",
      "xn--bcher-kva.example:80",
      "xn--bcher-kva.example/x",
      "xn--bcher-kva%2eexample",
      "b\u00fccher.example?x",
      // An IPv4 address to a URL, not a domain.
      "0x7f.1",
      "xn--bcher-kva.1",
      // `xn--` labels that decode to ASCII: another DNS name than the one they decode to (the URL
      // parser, in Node and in Chromium, takes them as they are), so no mailbox of gmail.com's.
      "xn--gmail-.com",
      "mail.xn--corp-.example",
      "xn--xn--bcher-kva-.example",
      // Longer than any domain: left alone, not decoded (its 200,000 code points overflowed the stack).
      `${"\u00fc".repeat(200_000)}.example`,
    ])
      expect(unicodeFormOfDomain(domain), JSON.stringify(domain)).toBe(domain);
  });

  it("never reads an xn-- label that decodes to ASCII as the ASCII it decodes to", () => {
    // RFC 3492 encodes an all-ASCII label as itself and a trailing hyphen: `xn--corp-` decodes to
    // `corp`, yet is a label of its own to DNS, which someone else may hold.
    const label = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,20}$/);
    fc.assert(
      fc.property(label, (l) => {
        for (const domain of [`xn--${l}-.example`, `mail.xn--${l}-.example`]) expect(unicodeFormOfDomain(domain)).toBe(domain);
      }),
      { numRuns: 500 },
    );
  });

  it("agrees with node:url's IDNA on any domain, and is idempotent", () => {
    const character = fc.constantFrom(
      ..."abcxyz019-._",
      "xn--",
      "\u00fc",
      "\u00df",
      "\u00e9",
      "\u0645",
      "\u200b",
      "\u00ad",
      "\uff43",
      "\u3002",
      "\u{1f4a9}",
      "%",
      ":",
      "/",
    );
    const domain = fc.array(character, { maxLength: 12 }).map((parts) => parts.join("").toLowerCase().normalize("NFC"));
    fc.assert(
      fc.property(domain, (d) => {
        const form = unicodeFormOfDomain(d);
        expect(form).toBe(byNodeUrl(d));
        expect(unicodeFormOfDomain(form)).toBe(form);
        // A domain is only ever given another spelling of itself: one DNS name, one ASCII form.
        if (form !== d) expect(domainToASCII(form)).toBe(domainToASCII(d));
      }),
      { numRuns: 2000 },
    );
    // And on the ASCII forms of generated Unicode domains, the spelling DNS carries.
    fc.assert(
      fc.property(domain, (d) => {
        const ascii = domainToASCII(d);
        if (ascii === "") return;
        const form = unicodeFormOfDomain(ascii);
        expect(form).toBe(byNodeUrl(ascii));
        if (form !== ascii) expect(domainToASCII(form)).toBe(ascii);
      }),
      { numRuns: 2000 },
    );
  });
});

describe("normaliseEmail's domain", () => {
  it("is one form whichever spelling comes in; the local part is left as it is", () => {
    for (const email of ["jose@b\u00fccher.example", "jose@xn--bcher-kva.example", " JOSE@XN--BCHER-KVA.EXAMPLE ", "jose@bu\u0308cher.example"])
      expect(normaliseEmail(email), email).toBe("jose@b\u00fccher.example");
    expect(normaliseEmail("xn--bcher-kva@xn--bcher-kva.example")).toBe("xn--bcher-kva@b\u00fccher.example");
    // The last @ starts the domain, as for every other address check.
    expect(normaliseEmail('"a@b"@xn--bcher-kva.example')).toBe('"a@b"@b\u00fccher.example');
    // A value without @ (an email domain, a search prefix) is left as it is.
    expect(normaliseEmail("xn--bcher-kva.example")).toBe("xn--bcher-kva.example");
  });
});
