import { describe, expect, it } from "vitest";
import { authRedirectPath } from "./auth-redirect";

describe("authRedirectPath", () => {
  const base = { websiteBasePath: "/auth" };

  it("is null with a session", () => {
    expect(authRedirectPath("OK", { ...base, redirectToPath: "/dashboard" })).toBeNull();
  });

  it("sends an expired access token to the refresh page and no session to sign-in, with the path encoded", () => {
    expect(authRedirectPath("TRY_REFRESH_TOKEN_ERROR", { ...base, redirectToPath: "/a?x=1&y=2" })).toBe(
      "/auth/refresh?redirectToPath=%2Fa%3Fx%3D1%26y%3D2",
    );
    expect(authRedirectPath("UNAUTHORISED", { ...base, redirectToPath: "/a?x=1&y=2" })).toBe("/auth?redirectToPath=%2Fa%3Fx%3D1%26y%3D2");
  });

  it("follows a moved websiteBasePath", () => {
    expect(authRedirectPath("UNAUTHORISED", { websiteBasePath: "/login", redirectToPath: "/x" })).toBe("/login?redirectToPath=%2Fx");
  });

  it.each(["//evil.example", "https://evil.example/x", "/\\evil.example", "javascript:alert(1)", ""])(
    "never carries the off-site return path %j",
    (unsafe) => {
      expect(authRedirectPath("UNAUTHORISED", { ...base, redirectToPath: unsafe })).toBe("/auth?redirectToPath=%2F");
      expect(authRedirectPath("TRY_REFRESH_TOKEN_ERROR", { ...base, redirectToPath: unsafe })).toBe("/auth/refresh?redirectToPath=%2F");
    },
  );
});
