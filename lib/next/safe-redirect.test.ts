import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "./safe-redirect";

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
    expect(new URL(expected, "https://app.example").origin).toBe("https://app.example");
  });
});
