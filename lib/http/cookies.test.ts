import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { readCookie } from "./cookies";

/** The plain reading by split, which readCookie's in-place scan must agree with on every header. */
function readBySplit(header: string | null, name: string): string | null {
  if (!header) return null;
  let found: string | null = null;
  for (const part of header.split(";")) {
    const eq = part.indexOf("=");
    if (eq === -1 || part.slice(0, eq).trim() !== name) continue;
    if (found !== null) return null;
    found = part.slice(eq + 1).trim();
  }
  return found;
}

describe("readCookie", () => {
  it("reads one cookie among others, trimmed, with = kept inside the value", () => {
    expect(readCookie("theme=dark; sAccessToken=a.b.c; _ga=GA1", "sAccessToken")).toBe("a.b.c");
    expect(readCookie("  t =  x=y==  ;other=1", "t")).toBe("x=y==");
    expect(readCookie("xt=1; t=2", "t")).toBe("2");
    expect(readCookie("flag; t=1;", "t")).toBe("1");
    expect(readCookie("t=", "t")).toBe("");
    expect(readCookie("other=1", "t")).toBeNull();
    expect(readCookie("", "t")).toBeNull();
    expect(readCookie(null, "t")).toBeNull();
  });

  it("reads a name sent twice as absent (cookie tossing)", () => {
    expect(readCookie("t=1; a=2; t=1", "t")).toBeNull();
  });

  it("agrees with a split-based reading on generated headers", () => {
    const piece = fc.constantFrom("t", "x", " ", "=", ";", "a", "tt", "\t");
    const header = fc.array(piece, { maxLength: 24 }).map((parts) => parts.join(""));
    fc.assert(
      fc.property(header, fc.constantFrom("t", "tt", "x"), (h, name) => readCookie(h, name) === readBySplit(h, name)),
      { numRuns: 5000 },
    );
  });
});
