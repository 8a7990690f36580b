import { defineConfig } from "vitest/config";
import { availableParallelism } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { IGNORE_ENV_FILES } from "./scripts/hermetic-env.mjs";
import { isolatedTestFiles } from "./scripts/isolated-tests.mjs";
import { watchdogDir } from "./scripts/test-watchdog/shared.mjs";

const alias = { "@": fileURLToPath(new URL(".", import.meta.url)) };
// Hermetic from the developer's .env files: Vite reads none (envDir: false), and the switch is in
// every test's environment, so the code under test and every process a test starts (which
// inherits it) read none either (scripts/hermetic-env.mjs).
const hermetic = { envDir: false as const, resolve: { alias } };
const env = { ...IGNORE_ENV_FILES };
// A test file that never ends is named and stopped (scripts/test-watchdog/reporter.mjs): the
// reporter watches from this process, and each worker registers and watches its own main thread.
watchdogDir();
const watchdog = { setupFiles: ["./scripts/test-watchdog/worker-setup.mjs"] };

// The unit tests run in memory with fixed clocks and keys, in two projects: `unit` shares one
// module registry per worker (isolate: false), so a file does not import the engine and its
// libraries again; `unit-isolated` gives each file its own, for the files that mock modules,
// stub globals, load Next or change directory (scripts/isolated-tests.mjs finds them by reading
// them). `npm run test:unit` runs both. `db` and `db-isolated`, split by the same rule, need real
// databases (SQLite file, PostgreSQL, MariaDB) and are driven by scripts/test-integration.mjs.
const ROOT = path.dirname(fileURLToPath(import.meta.url));
const DB_DIRS = ["lib", "scripts", "test"];
const ISOLATED = isolatedTestFiles(ROOT, ["lib", "scripts"]);
const unit = {
  env,
  ...watchdog,
  environment: "node" as const,
  include: ["lib/**/*.test.ts", "scripts/**/*.test.ts"],
  exclude: ["**/*.db.test.ts", "node_modules/**"],
  // npm test runs the e2e lane beside this one (scripts/test-all.mjs), so a test's wall time
  // includes waiting for cores the e2e build and browser hold.
  testTimeout: 60_000,
  // Every core: Vitest leaves one free by default, which on a two-core CI machine is half.
  maxWorkers: availableParallelism(),
};
const ISOLATED_DB = isolatedTestFiles(ROOT, DB_DIRS, "db");
const db = {
  env,
  ...watchdog,
  environment: "node" as const,
  include: DB_DIRS.map((dir) => `${dir}/**/*.db.test.ts`),
  testTimeout: 120_000,
  hookTimeout: 120_000,
  // Each file makes and drops its own databases, so two can run at once; much of their
  // time is spent waiting on the database servers. Two, not more: the servers are shared.
  fileParallelism: true,
  maxWorkers: 2,
};
export default defineConfig({
  ...hermetic,
  test: {
    reporters: ["default", "./scripts/test-watchdog/reporter.mjs"],
    projects: [
      {
        ...hermetic,
        test: { ...unit, name: "unit", exclude: [...unit.exclude, ...ISOLATED], isolate: false },
      },
      {
        ...hermetic,
        test: {
          ...unit,
          name: "unit-isolated",
          include: ISOLATED.length > 0 ? ISOLATED : ["no-file-needs-isolation"],
          // After `unit`, not beside it: each project has its own workers, and the cores are few.
          sequence: { groupOrder: 1 },
        },
      },
      { ...hermetic, test: { ...db, name: "db", exclude: [...ISOLATED_DB], isolate: false } },
      {
        ...hermetic,
        test: {
          ...db,
          name: "db-isolated",
          include: ISOLATED_DB.length > 0 ? ISOLATED_DB : ["no-file-needs-isolation"],
          // After `db`: two files at a time on the shared database servers, as above.
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
