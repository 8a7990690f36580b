import type { ResolvedConfig } from "./auth/config";
import { isLoopbackHostname } from "./auth/loopback";

/**
 * What a production start says about a config that works but leaves something open, one line
 * each (lib/startup-check.ts prints them). Nothing in development, where http and unknown client
 * addresses are the norm.
 */
export function startupNotices(config: ResolvedConfig, nodeEnv: string | undefined): string[] {
  if (nodeEnv !== "production") return [];
  const notices: string[] = [];
  if (config.trustedProxy.kind === "none") {
    notices.push(
      `trustedProxy is "none": client addresses are unknown, so per-IP limits are off and failed sign-ins ` +
        `count per account and over all clients. Behind a proxy, declare it in lib/config (docs/security.md, "Behind a proxy").`,
    );
  }
  // Without Secure, the session cookies travel in clear to anyone on the path, and an http page
  // of the same host can read and overwrite them; docs/deploy.md asks for https, but only a line
  // at the start reaches the deployer who missed it.
  if (!config.session.cookieSecure && !isLoopbackHostname(new URL(config.appOrigin).hostname)) {
    const why = config.appOrigin.startsWith("https:")
      ? `session.cookieSecure is false, so a browser also sends them over plain http to ${new URL(config.appOrigin).host}`
      : `GATEHOUSE_APP_ORIGIN is ${config.appOrigin}, reachable from other machines over plain http`;
    notices.push(
      `the session cookies are sent without Secure: ${why}, so anyone on the network path can read a session. ` +
        `Serve the app over https, set the origin to it and leave session.cookieSecure unset (docs/deploy.md).`,
    );
  }
  return notices;
}
