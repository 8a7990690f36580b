// Whether this process may read .env files. Plain JavaScript so that the Node scripts (the e2e
// server, the test runners' configs) and the TypeScript app share one definition; types are in
// env-files.d.mts.

/**
 * `GATEHOUSE_ENV_FILES=ignore`: the environment is final, read no `.env*` file. Every process a
 * test starts runs with it (scripts/hermetic-env.mjs), so that what `npm run dev` wrote into the
 * checkout (`.env.local` with its own GATEHOUSE_SECRET) or a developer's own settings never
 * reach a test. It stops the CLI's loading of .env files and the development secret's reading
 * and writing of `.env.local`. Unset (the default): both behave as documented in docs/.
 */
export const ENV_FILES_SWITCH = "GATEHOUSE_ENV_FILES";

/**
 * @param {Record<string, string | undefined>} [env]
 * @returns {boolean}
 */
export function envFilesIgnored(env = process.env) {
  return env[ENV_FILES_SWITCH] === "ignore";
}
