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
