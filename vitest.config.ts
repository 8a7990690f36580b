import { defineConfig } from "vitest/config";
import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { IGNORE_ENV_FILES } from "./scripts/hermetic-env.mjs";
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

// Two projects: `unit` runs in memory with fixed clocks and keys; `db` needs real databases
// (SQLite file, PostgreSQL, MariaDB) and is driven by scripts/test-integration.mjs.
export default defineConfig({
  ...hermetic,
  test: {
    reporters: ["default", "./scripts/test-watchdog/reporter.mjs"],
    projects: [
      {
        ...hermetic,
        test: {
          env,
          ...watchdog,
          name: "unit",
          environment: "node",
          include: ["lib/**/*.test.ts", "scripts/**/*.test.ts"],
          exclude: ["**/*.db.test.ts", "node_modules/**"],
          // npm test runs the e2e lane beside this one (scripts/test-all.mjs), so a test's wall time
          // includes waiting for cores the e2e build and browser hold.
          testTimeout: 60_000,
          // Every core: Vitest leaves one free by default, which on a two-core CI machine is half.
          maxWorkers: availableParallelism(),
        },
      },
      {
        ...hermetic,
        test: {
          env,
          ...watchdog,
          name: "db",
          environment: "node",
          include: ["lib/**/*.db.test.ts", "scripts/**/*.db.test.ts", "test/**/*.db.test.ts"],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          // Each file makes and drops its own databases, so two can run at once; much of their
          // time is spent waiting on the database servers. Two, not more: the servers are shared.
          fileParallelism: true,
          maxWorkers: 2,
        },
      },
    ],
  },
});
