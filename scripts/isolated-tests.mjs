// Which test files must run with a module registry of their own (vitest `isolate`), found by
// reading them: the rest share one registry per worker, which spares each file re-importing the
// engine and its libraries (the unit suite runs in about 60% of the time, the db suite in 70%).
//
// A file needs its own registry when it replaces or stubs modules or globals (a mock must be in
// place before anything imports the module, and must not reach the next file), when it loads
// Next's server modules (they keep process-wide state: every test of lib/next), when it changes
// the working directory (what a shared module loads later would resolve from there), or when
// `// vitest: isolate` says so.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";

const NEEDS_ISOLATION = [
  /\bvi\.(mock|doMock|unmock|doUnmock|resetModules|stubGlobal|stubEnv)\(/,
  /from "next(\/[^"]*)?"|from "@next\/env"|import\("next\//,
  /\bprocess\.chdir\(/,
  /\/\/ vitest: isolate\b/,
];

/** The test files of one kind: unit (`*.test.ts`) or db (`*.db.test.ts`). */
function* testFiles(dir, kind) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* testFiles(full, kind);
    else if (entry.name.endsWith(".test.ts") && entry.name.endsWith(".db.test.ts") === (kind === "db")) yield full;
  }
}

/**
 * The test files of `kind` under `dirs` (relative to `root`, each may be absent) that need a
 * registry of their own, as paths relative to `root`.
 * @param {string} root
 * @param {string[]} dirs
 * @param {"unit" | "db"} [kind]
 * @returns {string[]}
 */
export function isolatedTestFiles(root, dirs, kind = "unit") {
  const found = [];
  for (const dir of dirs) {
    if (!existsSync(path.join(root, dir))) continue;
    for (const file of testFiles(path.join(root, dir), kind)) {
      const relative = path.relative(root, file);
      const text = readFileSync(file, "utf8");
      if (relative.startsWith(`lib${path.sep}next${path.sep}`) || NEEDS_ISOLATION.some((pattern) => pattern.test(text))) found.push(relative);
    }
  }
  return found.sort();
}
