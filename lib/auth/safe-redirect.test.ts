import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "./safe-redirect";

const APP = "https://app.example";

/** Where a browser on the app would go with this redirect target. */
const resolved = (path: string) => new URL(path, APP);

describe("safeRedirectPath (open-redirect defence)", () => {
  it.each([
    "//evil.example",
    "/\\evil.example",
    "/\t/evil.example", // what `/%09/evil.example` becomes once the query string is decoded
    "/\n/evil.example",
    "https://evil.example",
    "HTTPS://evil.example/x",
    "javascript:alert(1)",
    "  /dashboard",
    // Refused, not repaired: a control character anywhere, even where dropping it lands on this site.
    "/dash\tboard",
    "/a\u0000b",
    "/a\u007fb",
    "dashboard",
    "",
    null,
    undefined,
    `/${"a".repeat(3000)}`,
  ])("%j falls back to /", (value) => {
    expect(safeRedirectPath(value)).toBe("/");
  });

  it.each([
    ["/dashboard", "/dashboard"],
    ["/a/b?x=1#top", "/a/b?x=1#top"],
    ["/%09/evil.example", "/%09/evil.example"], // still encoded: a path on this site
    ["/a/../b", "/b"],
  ])("%j stays on this site as %j", (value, expected) => {
    expect(safeRedirectPath(value)).toBe(expected);
    expect(resolved(expected).origin).toBe(APP);
  });

  // Dot segments are removed by the URL parser *after* a check on the raw string, so these
  // used to come out as `//evil.example`, which a browser reads as another host.
  it.each([
    "/.//evil.example",
    "/a/..//evil.example",
    "/%2e//evil.example",
    "/a/%2E%2E//evil.example/x?y#z",
    "/.\\/evil.example",
    "/./\\evil.example",
  ])("%j (dot segment before //) does not leave the site", (value) => {
    const out = safeRedirectPath(value);
    expect(out.startsWith("//")).toBe(false);
    expect(resolved(out).origin).toBe(APP);
  });

  describe("property: over generated paths, the output keeps the app origin", () => {
    // The pieces URL parsers and browsers treat specially: dot segments, both slashes,
    // percent-encoded (and double-encoded) slashes, backslashes and dots, control characters
    // (which browsers strip from URLs), userinfo and scheme separators, hosts.
    const piece = fc.constantFrom(
      "/",
      "//",
      "\\",
      ".",
      "..",
      "%2f",
      "%2F",
      "%5c",
      "%5C",
      "%2e",
      "%2E",
      "%252f",
      "%255c",
      "%252e",
      "\t",
      "\n",
      "\r",
      "\u0000",
      "\u001f",
      "\u007f",
      " ",
      "@",
      ":",
      "?",
      "#",
      "evil.example",
      "a",
      "http:",
      "https:",
      "javascript:",
      "%09",
      "%0a",
      "\u3002",
      "\uff0f",
      "\uff3c",
    );
    const path = fc.array(piece, { maxLength: 12 }).map((parts) => parts.join(""));
    const anyPath = fc.oneof(
      path,
      path.map((p) => `/${p}`),
      fc.string({ maxLength: 40 }),
    );

    it("the output resolves to the app origin, again after a second resolution, and is idempotent", () => {
      fc.assert(
        fc.property(anyPath, (value) => {
          const out = safeRedirectPath(value);
          const first = resolved(out);
          expect(first.origin).toBe(APP);
          // Resolved a second time (a Location header read back, a relative href in the page).
          const again = new URL(`${first.pathname}${first.search}${first.hash}`, APP);
          expect(again.origin).toBe(APP);
          expect(safeRedirectPath(out)).toBe(out);
        }),
        { numRuns: 5000 },
      );
    });
  });
});
