import { describe, expect, it } from "vitest";
import { checkSlug } from "../auth/organizations/organization-names";
import { ROUTES } from "./routes";

/**
 * An organization's slug is the tenant segment of `/<slug>/<FDI path>`. A slug equal to the first
 * segment of one of the API's own paths would make a path readable two ways (the organization's
 * `/<slug>/…` or the API's `/<segment>/…`), so each such segment must be refused as a slug.
 */
describe("organization slugs and the API's own paths", () => {
  const firstSegments = [...new Set(Object.keys(ROUTES).map((path) => path.split("/")[1]))];

  it("finds the API's first segments", () => {
    expect(firstSegments).toContain("signin");
    expect(firstSegments.length).toBeGreaterThan(10);
  });

  it.each(firstSegments.filter((segment) => checkSlug(segment) !== "SLUG_INVALID"))("refuses %s as a slug", (segment) => {
    expect(checkSlug(segment)).toBe("SLUG_RESERVED");
  });
});
