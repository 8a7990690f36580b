import { describe, expect, it } from "vitest";
import { checkBasePathsApart, isAtOrBelow, normaliseBasePath } from "./base-paths";
import { resolveConfig } from "./resolve-config";

const refused = (path: unknown) => {
  try {
    normaliseBasePath("websiteBasePath", path);
  } catch (error) {
    return error as { code: string; message: string };
  }
  throw new Error(`${JSON.stringify(path)} was accepted`);
};

describe("normaliseBasePath", () => {
  it.each([
    ["/auth", "/auth"],
    ["/api/auth", "/api/auth"],
    ["/login/", "/login"],
    ["/api/identity", "/api/identity"],
    ["/v1.0/auth~x/a-b_c", "/v1.0/auth~x/a-b_c"],
  ])("accepts %s as %s", (input, expected) => {
    expect(normaliseBasePath("apiBasePath", input)).toBe(expected);
  });

  it.each([
    ["auth", `must start with "/"`],
    ["", `must start with "/"`],
    [" /auth", `must start with "/"`],
    ["/", "cannot be the site root"],
    ["//", `must not contain "//"`],
    ["//evil.example", `must not contain "//"`],
    ["/api//auth", `must not contain "//"`],
    ["/auth//", `must not contain "//"`],
    ["/a/../b", `"." or ".."`],
    ["/./auth", `"." or ".."`],
    ["/auth?x=1", "may only use letters"],
    ["/auth#top", "may only use letters"],
    ["/sign in", "may only use letters"],
    ["/%61uth", "may only use letters"],
    ["/api/:path", "may only use letters"],
    ["/auth\\x", "may only use letters"],
    ["/_next/auth", "kept for Next.js and Gatehouse"],
    ["/_gatehouse", "kept for Next.js and Gatehouse"],
    [42, "must be a string"],
  ])("refuses %j with a clear CONFIG_INVALID message", (input, why) => {
    const error = refused(input);
    expect(error.code).toBe("CONFIG_INVALID");
    expect(error.message).toContain("websiteBasePath");
    expect(error.message).toContain(why);
  });
});

describe("checkBasePathsApart", () => {
  it.each([
    ["/api/auth", "/auth"],
    ["/api/identity", "/login"],
    ["/auth", "/login"],
    ["/api/auth/v2", "/auth"],
    ["/api/identity", "/api/auth-ui"],
  ])("accepts api %s with website %s", (api, website) => {
    expect(() => checkBasePathsApart(api, website)).not.toThrow();
  });

  it.each([
    ["/auth", "/auth"],
    ["/auth/api", "/auth"],
    ["/api/auth", "/api"],
    ["/api/identity", "/api/auth"],
    ["/api/identity", "/api/auth/ui"],
  ])("refuses api %s with website %s", (api, website) => {
    expect(() => checkBasePathsApart(api, website)).toThrow(expect.objectContaining({ code: "CONFIG_INVALID" }));
  });

  it("compares whole segments", () => {
    expect(isAtOrBelow("/auth", "/auth")).toBe(true);
    expect(isAtOrBelow("/auth/x", "/auth")).toBe(true);
    expect(isAtOrBelow("/authx", "/auth")).toBe(false);
  });
});

describe("resolveConfig and the base paths", () => {
  it("keeps today's defaults", () => {
    expect(resolveConfig({})).toMatchObject({ apiBasePath: "/api/auth", websiteBasePath: "/auth" });
  });

  it("normalises configured paths", () => {
    expect(resolveConfig({ apiBasePath: "/api/identity/", websiteBasePath: "/login" })).toMatchObject({
      apiBasePath: "/api/identity",
      websiteBasePath: "/login",
    });
  });

  it.each([
    [{ apiBasePath: "/api//identity" }],
    [{ websiteBasePath: "login" }],
    [{ apiBasePath: "/login", websiteBasePath: "/login" }],
    [{ websiteBasePath: "/api/auth/pages" }],
  ])("refuses %j at start-up", (config) => {
    expect(() => resolveConfig(config)).toThrow(expect.objectContaining({ code: "CONFIG_INVALID" }));
  });
});
