import { describe, expect, it } from "vitest";
import { initialAuthMode, switchAuthModeHref } from "./auth-mode";

describe("/auth mode", () => {
  it("?show wins; without it the config's defaultToSignUp decides", () => {
    expect(initialAuthMode(null, false)).toBe("signin");
    expect(initialAuthMode(null, true)).toBe("signup");
    expect(initialAuthMode("signup", false)).toBe("signup");
    expect(initialAuthMode("signin", true)).toBe("signin");
    expect(initialAuthMode("bogus", true)).toBe("signup");
  });

  it("the switch link names the other form and keeps redirectToPath", () => {
    expect(switchAuthModeHref("/auth", "signin", false, null)).toBe("/auth?show=signup");
    expect(switchAuthModeHref("/auth", "signup", false, "/dashboard")).toBe("/auth?redirectToPath=%2Fdashboard");
    expect(switchAuthModeHref("/login", "signup", true, null)).toBe("/login?show=signin");
    expect(switchAuthModeHref("/login", "signin", true, null)).toBe("/login");
  });
});
