// The layer rules' test (scripts/layers.test.ts) writes deliberately wrong imports into the real
// layers, in folders named after its process, and removes them before any assertion. A run
// killed in between (Ctrl-C, a watchdog) leaves them behind, and then every later typecheck,
// lint and layers check fails on imports nobody wrote. `npm test` and the test itself remove
// the folders of processes that no longer run; a running test's own folder is left alone.
import { readdirSync, rmSync } from "node:fs";
import path from "node:path";
import { isProcessRunning } from "./process-running.mjs";

const FIXTURE_DIR = /^layers-fixture-(\d+)$/;

/** The fixture folder's name for the process `pid`. */
export function layersFixtureDir(pid = process.pid) {
  return `layers-fixture-${pid}`;
}

/** Removes lib/<layer>/layers-fixture-<pid> of every pid no longer running; returns what it removed (from `root`). */
export function removeAbandonedLayersFixtures(root) {
  const removed = [];
  const lib = path.join(root, "lib");
  for (const layer of readdirSync(lib, { withFileTypes: true })) {
    if (!layer.isDirectory()) continue;
    for (const entry of readdirSync(path.join(lib, layer.name), { withFileTypes: true })) {
      const match = FIXTURE_DIR.exec(entry.name);
      if (!entry.isDirectory() || !match || isProcessRunning(Number(match[1]))) continue;
      rmSync(path.join(lib, layer.name, entry.name), { recursive: true, force: true });
      removed.push(path.join("lib", layer.name, entry.name));
    }
  }
  return removed;
}
