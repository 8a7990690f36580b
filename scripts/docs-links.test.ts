import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { checkDocumentation, documentationFiles, githubSlug, headingAnchors } from "./docs-links";

const REPOSITORY = path.resolve(fileURLToPath(new URL("..", import.meta.url)));

describe("the documentation", () => {
  it("is README.md and the pages under docs/", () => {
    const files = documentationFiles(REPOSITORY);
    expect(files[0]).toBe("README.md");
    expect(files).toContain(path.join("docs", "security.md"));
  });

  it("links only to files and headings that exist, and names only paths that exist", () => {
    expect(checkDocumentation(REPOSITORY)).toEqual([]);
  });

  it("has every page in the README's contents, and every page links back to it", () => {
    const readme = readFileSync(path.join(REPOSITORY, "README.md"), "utf8");
    const contents = readme.slice(readme.indexOf("\n## Contents"));
    for (const page of documentationFiles(REPOSITORY).filter((file) => file !== "README.md")) {
      const href = page.split(path.sep).join("/");
      expect(contents, `${href} is missing from the contents`).toMatch(new RegExp(`\\]\\(${href.replace(/[.]/g, "\\.")}[)#]`));
      expect(readFileSync(path.join(REPOSITORY, page), "utf8"), `${href} has no way back`).toContain("](../README.md#contents)");
    }
  });
});

describe("the link check", () => {
  const root = mkdtempSync(path.join(os.tmpdir(), "gh-docs-links-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("makes GitHub's anchors", () => {
    expect(githubSlug("Session options (`session` in `lib/config`)")).toBe("session-options-session-in-libconfig");
    expect(githubSlug("5b. In `getServerSideProps`")).toBe("5b-in-getserversideprops");
    expect(githubSlug("Reading the session in Next.js")).toBe("reading-the-session-in-nextjs");
    expect([...headingAnchors("# A\n## A\n```\n# B\n```\n### A")]).toEqual(["a", "a-1", "a-2"]);
  });

  it("reports a missing file, a missing heading and a named path that does not exist", () => {
    mkdirSync(path.join(root, "docs"), { recursive: true });
    mkdirSync(path.join(root, "lib"), { recursive: true });
    writeFileSync(path.join(root, "lib", "here.ts"), "");
    writeFileSync(path.join(root, "docs", "page.md"), "# Page\n\n## Real heading\n\n[back](../README.md#top)\n");
    writeFileSync(
      path.join(root, "README.md"),
      [
        "# Top",
        "[fine](docs/page.md#real-heading) [gone](docs/missing.md) [no heading](docs/page.md#imagined)",
        "[web](https://example.com/x) `lib/here.ts` `lib/gone.ts` `prisma/<provider>/x` `npm run x`",
        "```",
        "[inside a code block](nowhere.md) `lib/also-gone.ts`",
        "```",
      ].join("\n"),
    );
    expect(checkDocumentation(root).map((p) => `${p.file}: ${p.problem}`)).toEqual([
      "README.md: link to docs/missing.md: docs/missing.md does not exist",
      "README.md: link to docs/page.md#imagined: docs/page.md has no heading #imagined",
      "README.md: `lib/gone.ts` does not exist",
    ]);
  });
});
