import { readFileSync } from "node:fs";
import type { GatehouseConfig } from "./auth/config";
import { GatehouseError } from "./auth/errors";

/**
 * The e2e suite's settings on top of the deployer's config. One production build must run every
 * way the specs need (sign-up first, German, other base paths, a sub-domain cookie, email
 * verification required, a loopback OpenID Provider), so scripts/e2e-server.mjs writes those
 * settings as JSON into a file and names it in this variable (the benchmark does the same for a
 * server with EdDSA-signed tokens: bench/run.ts). Read here only, by the composition root
 * (lib/gatehouse.ts); unset, as in every deployment, the deployer's config is used as it is, so
 * lib/config/index.ts shows only what a deployer writes.
 */
export const E2E_CONFIG_OVERLAY = "GATEHOUSE_E2E_CONFIG_OVERLAY";

/** The deployer's config, with the e2e overlay merged in when the e2e server named one. */
export function withE2eConfigOverlay(config: GatehouseConfig, env: Record<string, string | undefined>): GatehouseConfig {
  const file = env[E2E_CONFIG_OVERLAY];
  if (!file) return config;
  let overlay: unknown;
  try {
    overlay = JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new GatehouseError("CONFIG_INVALID", `${E2E_CONFIG_OVERLAY}: cannot read ${file}: ${(error as Error).message}`);
  }
  if (!isPlainObject(overlay)) throw new GatehouseError("CONFIG_INVALID", `${E2E_CONFIG_OVERLAY}: ${file} is not a JSON object`);
  return mergeConfig(config as Record<string, unknown>, overlay) as GatehouseConfig;
}

/** Objects merge key by key; anything else (arrays included) in the overlay replaces the value. */
export function mergeConfig(base: Record<string, unknown>, overlay: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overlay)) {
    const current = merged[key];
    merged[key] = isPlainObject(value) && isPlainObject(current) ? mergeConfig(current, value) : value;
  }
  return merged;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value) && Object.getPrototypeOf(value) === Object.prototype;
}
