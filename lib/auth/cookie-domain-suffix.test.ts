import { describe, expect, it } from "vitest";
import { publicSuffixProblem } from "./cookie-domain-suffix";

describe("publicSuffixProblem", () => {
  it.each(["vercel.app", ".vercel.app", "github.io", "co.uk", "com", "HerokuApp.com", ".netlify.app"])(
    "refuses the public suffix %s, whose cookies browsers drop",
    async (domain) => {
      const problem = await publicSuffixProblem(domain);
      expect(problem).toContain(`session.cookieDomain "${domain}" is a public suffix`);
    },
  );

  it.each([
    undefined,
    "",
    "example.com",
    ".example.com",
    "app.example.co.uk",
    "example.co.uk",
    "myapp.vercel.app",
    "localhost",
    "internal",
    "foo.local",
    "127.0.0.1",
  ])("accepts %s", async (domain) => {
    expect(await publicSuffixProblem(domain)).toBeNull();
  });
});
