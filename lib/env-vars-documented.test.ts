/**
 * Deployers set the environment from docs/configuration.md ("Environment variables"): every
 * variable of the app's own namespaces that the code reads must be in that table, and every one
 * in the table must still be read. The shipped lib/config's provider credentials
 * (GATEHOUSE_GOOGLE_CLIENT_ID, …) and GATEHOUSE_REVOCATION_LISTENER were read but not listed, so
 * a deployer following the docs set GOOGLE_CLIENT_ID (docs/third-party.md's name) and the
 * provider silently stayed off.
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "..");
const NAMESPACE = /^(GATEHOUSE|DATABASE|SMTP|LOG)_[A-Z0-9_]+$/;
/** Build and test tooling, not the running app: documented where that tooling is (docs/performance.md, docs/docker.md). */
const TOOLING = new Set(["GATEHOUSE_NEXT_DIST_DIR", "GATEHOUSE_BUILD_SKIP_TYPECHECK"]);
/** Node's own variables that the app reads too, to size its work (lib/auth/hashing-queue.ts). */
const NODE_READ = new Set(["UV_THREADPOOL_SIZE"]);

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.(tsx?|m?js)$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((file) => !file.includes(`${path.sep}generated${path.sep}`) && !file.includes(`${path.sep}testing${path.sep}`));
}

/** Every `env.NAME` / `process.env.NAME` / `env["NAME"]` of the app's namespaces in the app's own code. */
function readVariables(): string[] {
  const files = [
    ...sourceFiles("lib"),
    ...sourceFiles("app"),
    ...["proxy.ts", "instrumentation.ts", "next.config.js"].map((f) => path.join(ROOT, f)),
  ];
  const names = files.flatMap((file) =>
    [...readFileSync(file, "utf8").matchAll(/\benv\??\.([A-Z][A-Z0-9_]+)|\benv\[["']([A-Z][A-Z0-9_]+)["']\]/g)].map((m) => m[1] ?? m[2]),
  );
  return [...new Set(names)].filter((name) => (NAMESPACE.test(name) || NODE_READ.has(name)) && !TOOLING.has(name)).sort();
}

/** The variable names in the first column of docs/configuration.md's "## Environment variables" table. */
function documentedVariables(): string[] {
  const doc = readFileSync(path.join(ROOT, "docs/configuration.md"), "utf8");
  const section = doc.slice(doc.indexOf("\n## Environment variables\n")).split(/\n## /)[1] ?? "";
  const firstCells = section
    .split("\n")
    .filter((line) => line.startsWith("| `"))
    .map((line) => line.split(" | ")[0]);
  return firstCells.flatMap((cell) => [...cell.matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((m) => m[1])).sort();
}

describe("the environment variables in docs/configuration.md", () => {
  const read = readVariables();
  const documented = documentedVariables();

  it("reads the variables from the source and the docs (the test cannot pass on an empty list)", () => {
    expect(read).toEqual(expect.arrayContaining(["DATABASE_URL", "GATEHOUSE_SECRET", "GATEHOUSE_APP_ORIGIN", "SMTP_URL", "LOG_LEVEL"]));
    expect(documented.length).toBeGreaterThan(8);
  });

  it("names every variable the app reads", () => {
    expect(read.filter((name) => !documented.includes(name))).toEqual([]);
  });

  it("names no variable the app no longer reads", () => {
    expect(documented.filter((name) => !read.includes(name))).toEqual([]);
  });
});
