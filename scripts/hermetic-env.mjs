// The environment of every process a test starts (the app under test, the CLI, the benchmark's
// server): the runner's own environment without any app setting, with no .env file read, and
// then exactly the settings the test pins. Types are in hermetic-env.d.mts.
//
// Two loaders read .env files, and both are switched off here:
//   - Gatehouse's own (the CLI's loading, the development secret in .env.local): by
//     GATEHOUSE_ENV_FILES=ignore (lib/env-files.mjs);
//   - Next.js's (@next/env, which `next build` and `next start` call and which fills every
//     variable the environment leaves unset from .env.production.local, .env.local,
//     .env.production and .env): by __NEXT_PROCESSED_ENV=true, the mark Next.js sets itself once
//     it has loaded them, after which it loads no file again. Read in
//     node_modules/@next/env/dist/index.js (processEnv returns early unless forceReload, and only
//     `next dev` forces a reload, when an .env file changes); e2e/hermetic-env.spec.ts and
//     scripts/hermetic-env.test.ts fail if a Next.js upgrade stops honouring it.
import { ENV_FILES_SWITCH } from "../lib/env-files.mjs";

/** What makes a process ignore every .env file: the runners' configs set it on themselves too. */
export const IGNORE_ENV_FILES = Object.freeze({ [ENV_FILES_SWITCH]: "ignore", __NEXT_PROCESSED_ENV: "true" });

/**
 * Where a process started by a test finds its database unless the test names one: a path that
 * cannot be opened, so a test that forgets to pin it fails instead of using the developer's
 * ./gatehouse.db.
 */
export const NO_DATABASE_URL = "file:/nonexistent/gatehouse-test-named-no-database.db";

/** An app setting: dropped from the inherited environment, so only what a test pins applies. */
export function isAppSetting(name) {
  return name.startsWith("GATEHOUSE_") || ["DATABASE_URL", "DATABASE_POOL_SIZE", "DATABASE_SQLITE_SYNCHRONOUS", "SMTP_URL"].includes(name);
}

/**
 * @param {Record<string, string | undefined>} [pinned] the settings the test wants, applied last
 * @param {{ inherited?: Record<string, string | undefined>, keep?: string[] }} [options]
 *   `keep`: app settings to pass through anyway (e.g. GATEHOUSE_NEXT_DIST_DIR)
 * @returns {Record<string, string>}
 */
export function hermeticEnv(pinned = {}, { inherited = process.env, keep = [] } = {}) {
  /** @type {Record<string, string>} */
  const env = {};
  for (const [name, value] of Object.entries(inherited)) {
    if (value !== undefined && (!isAppSetting(name) || keep.includes(name))) env[name] = value;
  }
  Object.assign(env, { DATABASE_URL: NO_DATABASE_URL }, IGNORE_ENV_FILES);
  for (const [name, value] of Object.entries(pinned)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }
  return env;
}
