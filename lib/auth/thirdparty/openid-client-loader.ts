/**
 * openid-client, imported on the first third-party sign-in rather than at start-up: most
 * requests (and every cold start) never need it, and loading it costs tens of milliseconds.
 */
import type * as OpenIdClient from "openid-client";

let loading: Promise<typeof OpenIdClient> | undefined;
let loaded: typeof OpenIdClient | undefined;

export function loadOpenIdClient(): Promise<typeof OpenIdClient> {
  loading ??= import("openid-client").then((module) => (loaded = module));
  return loading;
}

/** The module once some flow has loaded it; until then no error can have come from it. */
export function loadedOpenIdClient(): typeof OpenIdClient | undefined {
  return loaded;
}
