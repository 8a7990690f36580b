/**
 * Operators alert on log events by name, and docs/admin.md ("Logging") is where they look them
 * up: every event the code can log must be named there, and every event named there must still
 * be logged. The events are read from the source: the AuthEvent union (the auth events, which the
 * audit log records too) and every `event: "…"` written by the code (the other lines).
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = path.resolve(import.meta.dirname, "../..");
const EVENT_NAME = /^[a-z_]+\.[a-z_]+$/;

function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .filter((file) => !file.includes(`${path.sep}generated${path.sep}`));
}

/** The members of `export type AuthEvent = | "…" | …;`. */
function authEvents(): string[] {
  const source = readFileSync(path.join(ROOT, "lib/auth/engine-log.ts"), "utf8").replace(/\/\*[^]*?\*\/|\/\/.*$/gm, "");
  const union = /export type AuthEvent =([^;]*);/.exec(source)?.[1] ?? "";
  return [...union.matchAll(/\|\s*"([^"]+)"/g)].map((match) => match[1]);
}

/** Every `event: "a.b"` in the app's own code. */
function loggedEvents(): string[] {
  const files = [...sourceFiles("lib"), ...sourceFiles("app"), path.join(ROOT, "instrumentation.ts"), path.join(ROOT, "proxy.ts")];
  const found = files.flatMap((file) => [...readFileSync(file, "utf8").matchAll(/\bevent: "([^"]+)"/g)].map((match) => match[1]));
  return found.filter((name) => EVENT_NAME.test(name));
}

/** The event names in the first column of the tables under docs/admin.md's "## Logging". */
function documentedEvents(): string[] {
  const admin = readFileSync(path.join(ROOT, "docs/admin.md"), "utf8");
  const section = admin.slice(admin.indexOf("\n## Logging\n")).split(/\n## /)[1] ?? "";
  const firstCells = section
    .split("\n")
    .filter((line) => line.startsWith("| `"))
    .map((line) => line.split(" | ")[0]);
  return firstCells.flatMap((cell) => [...cell.matchAll(/`([^`]+)`/g)].map((match) => match[1]));
}

describe("the log events in docs/admin.md", () => {
  const auth = authEvents();
  const logged = loggedEvents();
  const documented = new Set(documentedEvents());

  it("reads the events from the source (the test cannot pass on an empty list)", () => {
    expect(auth.length).toBeGreaterThan(40);
    expect(auth).toContain("auth.signin");
    expect(new Set(logged).size).toBeGreaterThan(20);
    expect(logged).toContain("signing_keys.reload_failed");
    expect(documented.size).toBeGreaterThan(60);
  });

  it("names every event the code can log", () => {
    const missing = [...new Set([...auth, ...logged])].filter((name) => !documented.has(name)).sort();
    expect(missing).toEqual([]);
  });

  it("names no event the code no longer logs", () => {
    const known = new Set([...auth, ...logged]);
    expect([...documented].filter((name) => !known.has(name)).sort()).toEqual([]);
  });
});
