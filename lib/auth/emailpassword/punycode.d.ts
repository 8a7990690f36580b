// punycode.js ships no types; only what domain-unicode-form.ts uses.
declare module "punycode/punycode.js" {
  const punycode: {
    /** The domain with each `xn--` label decoded (RFC 3492); throws a RangeError on a label that is no Punycode. */
    toUnicode(domain: string): string;
  };
  export default punycode;
}
