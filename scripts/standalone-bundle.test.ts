/**
 * The Docker image runs the migrator from the standalone bundle, which holds only the files
 * standalone-bundle.mjs copies (MIGRATOR_FILES): a module the migrator imports that the list
 * leaves out is found in the checkout, where every other test runs, and missing in the image,
 * where `sh scripts/docker-start.sh` then stops at its first start (ERR_MODULE_NOT_FOUND).
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";
import { MIGRATOR_FILES } from "./standalone-bundle.mjs";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The project's own modules `file` imports, statically or with `import()`, relative to the root. */
function relativeImportsOf(file: string): string[] {
  const source = readFileSync(path.join(ROOT, file), "utf8");
  const specifiers = [...source.matchAll(/(?:\bfrom\s+|\bimport\s*\(\s*)["'](\.{1,2}\/[^"']+)["']/g)].map((m) => m[1]);
  return specifiers.map((s) =>
    path
      .relative(ROOT, path.resolve(ROOT, path.dirname(file), s))
      .split(path.sep)
      .join("/"),
  );
}

it("copies every module the migrator imports, through every database's target", () => {
  const reached = new Set<string>();
  const pending = ["scripts/db-migrate.mjs"];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (reached.has(file)) continue;
    reached.add(file);
    pending.push(...relativeImportsOf(file));
  }
  // The walk itself reaches every database's target (a walk that found nothing would prove nothing).
  expect(reached).toContain("scripts/db/migrate-postgresql.mjs");
  expect([...reached].filter((file) => !MIGRATOR_FILES.includes(file)).sort()).toEqual([]);
});
