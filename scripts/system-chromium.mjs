// The Chromium that Playwright launches (the e2e specs, the favicon and screenshot scripts).
//
// E2E_CHROMIUM when set; else Debian's headless shell (package chromium-headless-shell), the
// same build that Playwright's own headless runs use; else Debian's full chromium; else none, and
// Playwright launches its own downloaded browser. The headless shell first because the full
// browser in headless mode composits every frame in its own process: on the e2e suite it took
// about twice the CPU for the same specs, and npm test runs the e2e lane beside the unit tests on
// two cores.
import fs from "node:fs";

/** Debian's binaries, in the order they are preferred. */
export const DEBIAN_CHROMIUMS = ["/usr/bin/chromium-headless-shell", "/usr/bin/chromium"];

/** The browser binary to launch, or undefined for Playwright's own. */
export function systemChromium(env = process.env, exists = fs.existsSync) {
  if (env.E2E_CHROMIUM) return env.E2E_CHROMIUM;
  return DEBIAN_CHROMIUMS.find((candidate) => exists(candidate));
}

/**
 * The flags every e2e browser starts with: no sandbox (Chromium will not start as root with one,
 * and CI runs as root), no GPU or shared-memory files a container may lack, and none of the
 * background traffic (updates, sync, QUIC probes) that would reach for a network the test machine
 * does not have.
 */
export const E2E_CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];
