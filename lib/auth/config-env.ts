/**
 * The environment variables the config reads when it is resolved. Its own module, importing
 * nothing, because config.ts (which re-exports it) imports the option types of config-proxy.ts,
 * and config-proxy.ts reads the environment.
 */
export interface ConfigEnv {
  [name: string]: string | undefined;
  GATEHOUSE_APP_ORIGIN?: string;
  GATEHOUSE_ACCESS_TOKEN_TTL?: string;
  GATEHOUSE_REFRESH_TOKEN_TTL?: string;
  /** "development" under `next dev`: the dev server's own loopback origin is accepted (lib/http/dev-origin.ts). */
  NODE_ENV?: string;
  /** The port `next dev` serves (Next sets it once listening): the development default of `appOrigin`. */
  PORT?: string;
  /** Set by Vercel in its builds and functions: the default `trustedProxy` becomes "vercel". */
  VERCEL?: string;
}
