// supertokens-web-js ships no browser bundle of its webauthn recipe (node_modules/supertokens-web-js/bundle/
// has none), so this builds one from the package's own modules, unmodified: SuperTokens, Session
// and WebAuthn in a single IIFE (one copy of the SuperTokens singletons), exposed on
// window.stWebauthnClient. rolldown is the bundler vitest already brings (through vite).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "rolldown";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const OUT_DIR = path.join(ROOT, "node_modules", ".cache", "gatehouse-e2e");

export async function buildWebJsWebauthnBundle(): Promise<string> {
  fs.mkdirSync(OUT_DIR, { recursive: true });
  const entry = path.join(OUT_DIR, "web-js-webauthn-entry.mjs");
  const file = path.join(OUT_DIR, "web-js-webauthn.js");
  fs.writeFileSync(
    entry,
    [
      'import SuperTokens from "supertokens-web-js";',
      'import Session from "supertokens-web-js/recipe/session";',
      'import WebAuthn from "supertokens-web-js/recipe/webauthn";',
      "window.stWebauthnClient = { SuperTokens, Session, WebAuthn };",
    ].join("\n"),
  );
  await build({ input: entry, cwd: ROOT, platform: "browser", logLevel: "warn", output: { format: "iife", file } });
  return file;
}
