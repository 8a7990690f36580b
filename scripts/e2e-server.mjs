#!/usr/bin/env node
// Starts the app the way Playwright's webServer needs it (see playwright.config.ts):
//   1. a fresh SQLite database in a new temp dir, migrated with scripts/db-migrate.mjs;
//   2. `next build` (skipped when E2E_SKIP_BUILD=1, e.g. when iterating on specs);
//   3. `next start -p $E2E_PORT` in production mode.
// The temp dir is deleted when the server stops (SIGTERM/SIGINT from Playwright, or any exit).
//
// The environment is pinned so a developer's own .env files or shell cannot change what the specs
// see (scripts/hermetic-env.mjs): every inherited GATEHOUSE_* variable, DATABASE_URL and SMTP_URL
// are dropped, then set to test values, and neither Next.js nor Gatehouse reads any .env file.
// Usable by hand too: `E2E_SKIP_BUILD=1 node scripts/e2e-server.mjs`.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { hermeticEnv } from "./hermetic-env.mjs";
import { startMailboxHttp, startSmtpSink } from "./smtp-sink.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const port = process.env.E2E_PORT ?? "3210";
const origin = process.env.E2E_ORIGIN ?? `http://localhost:${port}`;
// A fixed 32-byte (64 hex chars) secret: for tests only, never for a deployment.
const TEST_SECRET = "e2e7e57e2e7e57e2".repeat(4);

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "gatehouse-e2e-"));
let cleaned = false;
function cleanup() {
  if (cleaned) return;
  cleaned = true;
  try {
    fs.rmSync(tmp, { recursive: true, force: true });
  } catch (err) {
    console.error(`[e2e-server] could not remove ${tmp}: ${err}`);
  }
}
process.on("exit", cleanup);

// The build folder is kept: parallel runs (several developers' specs on one machine) each build
// into their own.
const env = hermeticEnv({}, { keep: ["GATEHOUSE_NEXT_DIST_DIR"] });
Object.assign(env, {
  // A spec that must reach the database itself (e.g. to make the first admin) names the file.
  DATABASE_URL: process.env.E2E_DATABASE_URL ?? `file:${path.join(tmp, "e2e.db")}`,
  GATEHOUSE_SECRET: TEST_SECRET,
  GATEHOUSE_APP_ORIGIN: origin,
  GATEHOUSE_ACCESS_TOKEN_TTL: process.env.E2E_ACCESS_TOKEN_TTL ?? "3",
  NODE_ENV: "production",
  NEXT_TELEMETRY_DISABLED: "1",
});
// What a spec asks of the app's configuration (what a deployer would write in lib/config)
// reaches it as a config overlay: a JSON file named by GATEHOUSE_E2E_CONFIG_OVERLAY, which the
// composition root merges over lib/config (lib/e2e-config-overlay.ts). The deployer's file
// therefore reads no test switch.
/** @type {Record<string, (value: string) => Record<string, unknown>>} */
const CONFIG_SWITCHES = {
  // Sign-up first, and the UI in one language (e2e/sign-up-default.spec.ts).
  E2E_GATEHOUSE_UI_DEFAULT_TO_SIGN_UP: (v) => ({ ui: { defaultToSignUp: v === "1" } }),
  E2E_GATEHOUSE_UI_LOCALE: (v) => ({ ui: { locale: v } }),
  // The UI and the API elsewhere (e2e/base-paths.spec.ts).
  E2E_GATEHOUSE_WEBSITE_BASE_PATH: (v) => ({ websiteBasePath: v }),
  E2E_GATEHOUSE_API_BASE_PATH: (v) => ({ apiBasePath: v }),
  // Sub-domain sessions (e2e/cookie-domain.spec.ts).
  E2E_COOKIE_DOMAIN: (v) => ({ session: { cookieDomain: v } }),
  E2E_TRUSTED_ORIGINS: (v) => ({ trustedOrigins: v.split(",").filter(Boolean) }),
  // A second server in REQUIRED mode (e2e/email-verification.spec.ts).
  E2E_EMAIL_VERIFICATION: (v) => ({ emailVerification: { mode: v === "REQUIRED" ? "REQUIRED" : "OPTIONAL" } }),
  // Passwordless sign-in on, with this flow type (e2e/passwordless.spec.ts, supertokens-web-js-passwordless.spec.ts).
  E2E_PASSWORDLESS: (v) => ({ passwordless: { contactMethod: "EMAIL", flowType: v } }),
  // MFA on (e2e/mfa.spec.ts, supertokens-web-js-mfa.spec.ts): "1" with the defaults.
  E2E_MFA: () => ({ mfa: {} }),
  // A short step-up window, so that a spec can outlast it (e2e/passkey-step-up.spec.ts).
  E2E_MFA_STEP_UP_SECONDS: (v) => ({ mfa: { stepUpSeconds: Number(v) } }),
  // Passkeys on (e2e/passkeys.spec.ts, supertokens-web-js-webauthn.spec.ts).
  E2E_WEBAUTHN: () => ({ webauthn: {} }),
  // The loopback OpenID Provider (e2e/third-party.spec.ts), with E2E_TEST_OIDC_CLIENT_ID/_SECRET.
  E2E_TEST_OIDC_ISSUER: (issuer) => ({
    thirdParty: {
      customProviders: [
        {
          id: "oidc-test",
          type: "oidc",
          name: "Test OIDC",
          issuer,
          clientId: process.env.E2E_TEST_OIDC_CLIENT_ID,
          clientSecret: process.env.E2E_TEST_OIDC_CLIENT_SECRET,
        },
      ],
    },
  }),
};

/** Objects merge key by key; anything else replaces (as lib/e2e-config-overlay.ts merges). */
function merge(base, extra) {
  const merged = { ...base };
  for (const [key, value] of Object.entries(extra)) {
    const current = merged[key];
    const objects = [value, current].every((v) => v !== null && typeof v === "object" && !Array.isArray(v));
    merged[key] = objects ? merge(current, value) : value;
  }
  return merged;
}

let overlay = {};
for (const [name, toConfig] of Object.entries(CONFIG_SWITCHES)) {
  if (process.env[name]) overlay = merge(overlay, toConfig(process.env[name]));
}
const overlayFile = path.join(tmp, "config-overlay.json");
fs.writeFileSync(overlayFile, JSON.stringify(overlay, null, 2));
env.GATEHOUSE_E2E_CONFIG_OVERLAY = overlayFile;
// Any other setting a spec needs, one the app reads from its environment (a secret, provider
// credentials, GATEHOUSE_RATE_LIMIT_STORE): E2E_GATEHOUSE_<NAME> becomes GATEHOUSE_<NAME>.
for (const [key, value] of Object.entries(process.env)) {
  if (key.startsWith("E2E_GATEHOUSE_") && !(key in CONFIG_SWITCHES) && value !== undefined) env[key.slice("E2E_".length)] = value;
}

// Email goes to a real SMTP sink on loopback; specs read it over HTTP at
// http://127.0.0.1:<E2E_PORT + 10000>/messages?to=<address> (e2e/mailbox.ts).
const sink = await startSmtpSink();
const mailbox = await startMailboxHttp(sink, { port: Number(port) + 10000 });
env.SMTP_URL = sink.url;
console.log(`[e2e-server] SMTP sink ${sink.url}, mailbox http://127.0.0.1:${mailbox.port}/messages`);

let current = null;
let stopping = false;

function run(label, cmd, args, extraEnv = {}) {
  return new Promise((resolve) => {
    console.log(`[e2e-server] ${label}: ${[cmd, ...args].join(" ")}`);
    const child = spawn(cmd, args, { cwd: root, env: { ...env, ...extraEnv }, stdio: "inherit" });
    current = child;
    child.on("error", (err) => {
      console.error(`[e2e-server] ${label} failed to start: ${err.message}`);
      resolve(1);
    });
    child.on("exit", (code, signal) => {
      current = null;
      resolve(code ?? (signal ? 128 + (os.constants.signals[signal] ?? 0) : 1));
    });
  });
}

function stop(signal) {
  if (stopping) return;
  stopping = true;
  if (current) {
    current.once("exit", () => process.exit(0));
    current.kill(signal);
    // next start normally exits at once; do not hang if it does not.
    setTimeout(() => {
      current?.kill("SIGKILL");
      process.exit(0);
    }, 5000).unref();
  } else {
    process.exit(0);
  }
}
process.on("SIGTERM", () => stop("SIGTERM"));
process.on("SIGINT", () => stop("SIGINT"));

const nextBin = path.join(root, "node_modules", "next", "dist", "bin", "next");
const steps = [["migrate", process.execPath, [path.join(root, "scripts", "db-migrate.mjs")]]];
if (process.env.E2E_SKIP_BUILD === "1") {
  console.log("[e2e-server] E2E_SKIP_BUILD=1: using the existing .next build");
} else {
  // `npm test` has type-checked the same files already (scripts/test-all.mjs): the build skips
  // its own check only then (next.config.js).
  const skipTypecheck = process.env.E2E_BUILD_SKIP_TYPECHECK === "1";
  if (skipTypecheck) console.log("[e2e-server] E2E_BUILD_SKIP_TYPECHECK=1: the build skips its type-check");
  steps.push(["build", process.execPath, [nextBin, "build"], skipTypecheck ? { GATEHOUSE_BUILD_SKIP_TYPECHECK: "1" } : {}]);
}

for (const [label, cmd, args, extraEnv] of steps) {
  const code = await run(label, cmd, args, extraEnv);
  if (stopping) process.exit(0);
  if (code !== 0) {
    console.error(`[e2e-server] ${label} exited with code ${code}`);
    process.exit(code);
  }
}

console.log(`[e2e-server] starting ${origin} (database in ${tmp})`);
const code = await run("start", process.execPath, [nextBin, "start", "-p", port]);
if (!stopping) {
  console.error(`[e2e-server] next start exited with code ${code}`);
  process.exit(code === 0 ? 1 : code);
}
