import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, expect, it } from "vitest";
import { layersFixtureDir, removeAbandonedLayersFixtures } from "./layers-fixtures.mjs";

let root = "";
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** A pid that ran and has ended. */
function endedPid(): number {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
  return Number(child.stdout);
}

it("removes the fixture folders a killed run left, and keeps a running one's and everything else", () => {
  root = mkdtempSync(path.join(os.tmpdir(), "gatehouse-layers-fixtures-"));
  const ended = endedPid();
  const write = (relative: string) => {
    mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
    writeFileSync(path.join(root, relative), "export {};\n");
  };
  write(`lib/auth/${layersFixtureDir(ended)}/imports-next.ts`);
  write(`lib/http/${layersFixtureDir(ended)}/imports-store.ts`);
  write(`lib/auth/${layersFixtureDir()}/imports-next.ts`);
  write("lib/auth/layers-fixture-notes/kept.ts");
  write("lib/auth/session.ts");

  expect(removeAbandonedLayersFixtures(root).sort()).toEqual([`lib/auth/${layersFixtureDir(ended)}`, `lib/http/${layersFixtureDir(ended)}`]);
  expect(existsSync(path.join(root, `lib/auth/${layersFixtureDir(ended)}`))).toBe(false);
  expect(existsSync(path.join(root, `lib/auth/${layersFixtureDir()}/imports-next.ts`))).toBe(true);
  expect(existsSync(path.join(root, "lib/auth/layers-fixture-notes/kept.ts"))).toBe(true);
  expect(existsSync(path.join(root, "lib/auth/session.ts"))).toBe(true);
});
