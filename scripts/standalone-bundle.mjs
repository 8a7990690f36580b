#!/usr/bin/env node
// Assembles the folder the Docker image runs: `node scripts/standalone-bundle.mjs <out-dir>`,
// after `next build`. The Dockerfile's build stage runs it and the runtime stage copies the whole
// folder; e2e/docker-standalone.spec.ts runs it too and starts the result the way the image
// does, so the image and its test cannot drift apart.
//
// What goes in (Next.js's "output: standalone" docs: the standalone folder leaves out the static
// assets and public/, which a CDN may serve instead; here the server serves them):
//   <distDir>/standalone/*   server.js, the traced server code and node_modules
//   <distDir>/static         the client bundles, at the path server.js serves them from
//   public/                  when the project has one
//   the migrator             scripts/db-migrate.mjs and what it imports, and the committed
//                            migrations: the image migrates at start (scripts/docker-start.sh)
//   scripts/docker-*         the start command and the health check
// Then it loads, from the folder alone, every module the migrator and the server load by name at
// run time (the database drivers, argon2's and better-sqlite3's native code), so that a missing
// file stops the image build instead of the first request.
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

/** The migrator and its imports (scripts/db-migrate.mjs), relative to the project root. */
export const MIGRATOR_FILES = [
  "scripts/db-migrate.mjs",
  "scripts/db/paths.mjs",
  "scripts/db/migrations-dir.mjs",
  "scripts/db/migrate-sqlite.mjs",
  "scripts/db/migrate-postgresql.mjs",
  "scripts/db/migrate-mysql.mjs",
  "lib/store/database-url.mjs",
  "lib/store/postgres-connect-timeout.mjs",
  "lib/store/mariadb-connect-timeout.mjs",
];

/** The image's own scripts: start command (Dockerfile CMD) and HEALTHCHECK. */
export const IMAGE_SCRIPTS = ["scripts/docker-start.sh", "scripts/docker-healthcheck.mjs"];

/**
 * The migrator's drivers. Next.js traces the versions the server loads, which are not always the
 * ones the migrator's own imports resolve to (@prisma/adapter-mariadb brings its own mariadb,
 * and then the top-level one is traced as a bare package.json), so these are copied whole, with
 * their dependencies. better-sqlite3 is left to the trace: it is the server's own copy, and
 * copying it whole would add its C sources.
 */
const MIGRATOR_PACKAGES = ["pg", "mariadb"];

/** Packages loaded by name at run time, which must load from the bundle alone. */
const RUNTIME_PACKAGES = [
  ...MIGRATOR_PACKAGES,
  "better-sqlite3",
  "@node-rs/argon2",
  "@prisma/adapter-pg",
  "@prisma/adapter-mariadb",
  "@prisma/adapter-better-sqlite3",
];

/**
 * @param {{ out: string; distDir?: string }} options `distDir` defaults to GATEHOUSE_NEXT_DIST_DIR, then ".next"
 */
export function assembleStandaloneBundle({ out: outArg, distDir = process.env.GATEHOUSE_NEXT_DIST_DIR || ".next" }) {
  const out = path.resolve(outArg);
  const dist = path.resolve(ROOT, distDir);
  const standalone = path.join(dist, "standalone");
  if (!existsSync(path.join(standalone, "server.js"))) {
    throw new Error(
      `${path.relative(ROOT, standalone)}/server.js is missing: run \`npm run build\` first (next.config.js sets output: "standalone").`,
    );
  }
  // `out` is emptied first: never the project or a folder holding it.
  if (out === ROOT || ROOT.startsWith(out + path.sep) || out === path.parse(out).root) {
    throw new Error(`refusing to empty ${out}: it holds the project; name a new folder.`);
  }
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  // verbatimSymlinks: node_modules links inside the standalone folder stay relative to it.
  cpSync(standalone, out, { recursive: true, verbatimSymlinks: true });
  // server.js serves /_next/static from <its dir>/<distDir>/static: the dist folder's name at build.
  cpSync(path.join(dist, "static"), path.join(out, path.relative(ROOT, dist), "static"), { recursive: true });
  if (existsSync(path.join(ROOT, "public"))) cpSync(path.join(ROOT, "public"), path.join(out, "public"), { recursive: true });

  for (const file of [...MIGRATOR_FILES, ...IMAGE_SCRIPTS]) cpSync(path.join(ROOT, file), path.join(out, file));
  for (const provider of readdirSync(path.join(ROOT, "prisma"), { withFileTypes: true })) {
    const migrations = path.join("prisma", provider.name, "migrations");
    if (provider.isDirectory() && existsSync(path.join(ROOT, migrations))) {
      cpSync(path.join(ROOT, migrations), path.join(out, migrations), { recursive: true });
    }
  }
  const seen = new Set();
  for (const name of MIGRATOR_PACKAGES) copyPackageWithDependencies(name, path.join(ROOT, "scripts", "db"), out, seen);
  checkRuntimePackages(out);
}

/** Copies package `name`, as Node.js resolves it from `fromDir`, and its dependencies. */
function copyPackageWithDependencies(name, fromDir, out, seen) {
  const dir = installedPackageDir(name, fromDir);
  if (seen.has(dir)) return;
  seen.add(dir);
  cpSync(dir, path.join(out, path.relative(ROOT, dir)), { recursive: true, verbatimSymlinks: true });
  const manifest = JSON.parse(readFileSync(path.join(dir, "package.json"), "utf8"));
  for (const dependency of Object.keys(manifest.dependencies ?? {})) {
    // Type declarations only: nothing loads them.
    if (!dependency.startsWith("@types/")) copyPackageWithDependencies(dependency, dir, out, seen);
  }
}

/** The node_modules folder Node.js would load `name` from, looking up from `fromDir` to the project root. */
function installedPackageDir(name, fromDir) {
  for (let dir = fromDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, "node_modules", name);
    if (existsSync(path.join(candidate, "package.json"))) return candidate;
    if (dir === ROOT || dir === path.dirname(dir)) throw new Error(`${name} is not installed (needed from ${path.relative(ROOT, fromDir)})`);
  }
}

/**
 * Imports each run-time package in a Node.js process whose only modules are the bundle's (ESM
 * resolution from `out`, as server.js and the migrator load them), and opens an SQLite database,
 * since better-sqlite3 loads its native addon on the first open, not on import.
 */
function checkRuntimePackages(out) {
  const script = `
    const failed = [];
    for (const name of ${JSON.stringify(RUNTIME_PACKAGES)}) {
      try { await import(name); } catch (error) { failed.push(name + " (" + String(error.message).split("\\n")[0] + ")"); }
    }
    try { const { default: Database } = await import("better-sqlite3"); new Database(":memory:").close(); }
    catch (error) { failed.push("better-sqlite3's native addon (" + String(error.message).split("\\n")[0] + ")"); }
    if (failed.length > 0) { console.error(failed.join("; ")); process.exit(1); }
  `;
  const result = spawnSync(process.execPath, ["--input-type=module", "-e", script], { cwd: out, encoding: "utf8" });
  if (result.status !== 0) {
    throw new Error(
      `the bundle cannot load: ${result.stderr.trim() || `exit ${result.status}`}. Let Next.js trace it (outputFileTracingIncludes in next.config.js) or copy it here.`,
    );
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const out = process.argv[2];
  if (!out) {
    console.error("usage: node scripts/standalone-bundle.mjs <out-dir>");
    process.exit(2);
  }
  try {
    assembleStandaloneBundle({ out: path.resolve(out) });
    console.log(`standalone-bundle: ${path.resolve(out)} is ready (start: sh scripts/docker-start.sh)`);
  } catch (error) {
    console.error(`standalone-bundle: ${error.message}`);
    process.exit(1);
  }
}
