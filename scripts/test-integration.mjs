#!/usr/bin/env node
// Integration tests: the vitest `db` and `db-isolated` projects (files named *.db.test.ts; see
// vitest.config.ts for the split). Each test file creates and drops its own databases (SQLite
// files, PostgreSQL on 127.0.0.1:5432, MariaDB on 127.0.0.1:3306) through the storage test helper. Extra arguments go to vitest, e.g.
// `npm run test:integration -- lib/store/prisma-stores.db.test.ts`. The exit code is vitest's.
// A file stopped before its cleanup (the test watchdog, a crash, Ctrl-C) leaves its databases:
// once vitest has exited, the test databases of processes that no longer run are dropped.
// Before vitest starts, one migrated template database per provider is made for the test files
// to copy (scripts/test-db.mjs), and dropped once vitest has exited.
import { spawn } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createTemplateDatabases, dropStaleTestDatabases, TEMPLATES_VARIABLE } from "./test-db.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const args = ["vitest", "run", "--project", "db", "--project", "db-isolated", ...process.argv.slice(2)];
const templates = await createTemplateDatabases();
for (const failure of templates.failed) console.error(`[test-integration] no template database: ${failure}`);
console.log(`[test-integration] npx ${args.join(" ")}`);

const child = spawn("npx", args, { cwd: root, stdio: "inherit", env: { ...process.env, [TEMPLATES_VARIABLE]: templates.variable } });
for (const sig of ["SIGINT", "SIGTERM"]) process.on(sig, () => child.kill(sig));
child.on("error", (err) => {
  console.error(`[test-integration] could not start vitest: ${err.message}`);
  process.exit(1);
});
child.on("exit", async (code, signal) => {
  await templates.drop().catch((error) => {
    console.error(`[test-integration] could not drop the template databases: ${error instanceof Error ? error.message : error}`);
  });
  try {
    const dropped = await dropStaleTestDatabases();
    if (dropped.length > 0)
      console.log(`[test-integration] dropped ${dropped.length} test database(s) that stopped files left: ${dropped.join(", ")}`);
  } catch (error) {
    // A database server that is down already failed the tests that needed it; say so, and keep vitest's code.
    console.error(`[test-integration] could not look for leftover test databases: ${error instanceof Error ? error.message : error}`);
  }
  process.exit(code ?? (signal ? 128 + (os.constants.signals[signal] ?? 0) : 1));
});
