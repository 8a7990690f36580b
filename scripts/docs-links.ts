/**
 * The documentation's link check: every relative link in README.md and docs/ must lead to a file
 * that exists (and to a heading of it, when it names an anchor), and every repository path named
 * in backticks must exist. Run by scripts/docs-links.test.ts, so a moved or renamed file cannot
 * leave the docs pointing at nothing.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";

/** Top-level folders whose paths, written in backticks, are checked. */
const CHECKED_FOLDERS = ["lib", "app", "pages", "scripts", "e2e", "prisma", "bench", "docs", ".ci"];

/** A path written as `lib/…` and the like: a checked folder, then anything without spaces. */
const REPOSITORY_PATH = new RegExp(`^(?:${CHECKED_FOLDERS.map((f) => f.replace(".", "\\.")).join("|")})/\\S*$`);

/** Placeholders and patterns (`prisma/<provider>/…`, `lib/ui/configured-*.tsx`, `{apiBasePath}`) name no one file. */
const PLACEHOLDER = /[<>*…{}$]/;

export interface DocsProblem {
  file: string;
  problem: string;
}

/** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens. */
export function githubSlug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc}\- ]/gu, "")
    .replace(/ /g, "-");
}

/** The text outside fenced code blocks, which is where links and headings count. */
export function withoutFencedCode(markdown: string): string {
  const out: string[] = [];
  let fence: string | null = null;
  for (const line of markdown.split("\n")) {
    const marker = /^\s*(```|~~~)/.exec(line)?.[1];
    if (marker && (fence === null || fence === marker)) {
      fence = fence === null ? marker : null;
      continue;
    }
    if (fence === null) out.push(line);
  }
  return out.join("\n");
}

/** Every anchor a Markdown file offers, repeated headings numbered as GitHub does (`-1`, `-2`). */
export function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const line of withoutFencedCode(markdown).split("\n")) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line)?.[1];
    if (heading === undefined) continue;
    const slug = githubSlug(heading);
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}

/** README.md and every Markdown file under docs/, relative to `root`. */
export function documentationFiles(root: string): string[] {
  const docs = path.join(root, "docs");
  const underDocs = existsSync(docs)
    ? readdirSync(docs, { recursive: true, encoding: "utf8" })
        .filter((name) => name.endsWith(".md"))
        .map((name) => path.join("docs", name))
    : [];
  return ["README.md", ...underDocs.sort()];
}

/** The problems of one file: broken relative links, missing anchors, and named paths that do not exist. */
export function checkDocumentationFile(root: string, file: string): DocsProblem[] {
  const problems: DocsProblem[] = [];
  const text = withoutFencedCode(readFileSync(path.join(root, file), "utf8"));
  const report = (problem: string) => problems.push({ file, problem });

  for (const match of text.matchAll(/!?\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g)) {
    const target = match[1];
    if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto:: not ours to check
    const hash = target.indexOf("#");
    const linkPath = decodeURIComponent(hash === -1 ? target : target.slice(0, hash));
    const anchor = hash === -1 ? null : decodeURIComponent(target.slice(hash + 1));
    const base = path.resolve(root);
    const resolved =
      linkPath === ""
        ? path.join(root, file)
        : linkPath.startsWith("/")
          ? path.join(root, linkPath)
          : path.resolve(path.dirname(path.join(root, file)), linkPath);
    if (!resolved.startsWith(base) || !existsSync(resolved)) {
      report(`link to ${target}: ${path.relative(root, resolved)} does not exist`);
      continue;
    }
    if (anchor === null) continue;
    if (!resolved.endsWith(".md") || statSync(resolved).isDirectory()) {
      report(`link to ${target}: only Markdown files have anchors`);
    } else if (!headingAnchors(readFileSync(resolved, "utf8")).has(anchor)) {
      report(`link to ${target}: ${path.relative(root, resolved)} has no heading #${anchor}`);
    }
  }

  for (const match of text.matchAll(/`([^`\n]+)`/g)) {
    for (const word of match[1].split(/\s+/)) {
      if (!REPOSITORY_PATH.test(word) || PLACEHOLDER.test(word)) continue;
      if (!existsSync(path.join(root, word))) report(`\`${word}\` does not exist`);
    }
  }
  return problems;
}

/** Every problem of README.md and docs/. */
export function checkDocumentation(root: string): DocsProblem[] {
  return documentationFiles(root).flatMap((file) => checkDocumentationFile(root, file));
}
