#!/usr/bin/env node
// `npm test`: typecheck → layers → lint → format → unit → integration → e2e, in that order,
// output streamed. Stops at the first failing step and exits with its code. The last line is the
// summary `N passed, N failed` (counting steps). `node scripts/test-all.mjs unit e2e` runs only the
// named steps.
import { spawn } from "node:child_process";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const ALL = [
  { name: "typecheck", cmd: "npx", args: ["tsc", "--noEmit"] },
  // The dependency rules of .dependency-cruiser.cjs (the layers, no cycles): `npm run layers`.
  { name: "layers", cmd: "npm", args: ["run", "--silent", "layers"] },
  // ESLint (eslint.config.mjs) with no warnings allowed: `npm run lint`.
  { name: "lint", cmd: "npm", args: ["run", "--silent", "lint"] },
  // Prettier (prettier.config.mjs): every file as `npm run format` would write it.
  { name: "format", cmd: "npm", args: ["run", "--silent", "format:check"] },
  { name: "unit", cmd: "npx", args: ["vitest", "run", "--project", "unit"] },
  { name: "integration", cmd: process.execPath, args: ["scripts/test-integration.mjs"] },
  { name: "e2e", cmd: "npx", args: ["playwright", "test"] },
];

const only = process.argv.slice(2);
const unknown = only.filter((n) => !ALL.some((s) => s.name === n));
if (unknown.length) {
  console.error(`unknown step(s): ${unknown.join(", ")}; known: ${ALL.map((s) => s.name).join(", ")}`);
  process.exit(2);
}
const steps = only.length ? ALL.filter((s) => only.includes(s.name)) : ALL;

let current = null;
let interrupted = null;
for (const sig of ["SIGINT", "SIGTERM"]) {
  process.on(sig, () => {
    interrupted = sig;
    current?.kill(sig);
  });
}

function run(step) {
  return new Promise((resolve) => {
    const child = spawn(step.cmd, step.args, { cwd: root, stdio: "inherit" });
    current = child;
    child.on("error", (err) => {
      console.error(`[test-all] ${step.name}: could not start ${step.cmd}: ${err.message}`);
      resolve(1);
    });
    child.on("exit", (code, signal) => {
      current = null;
      resolve(code ?? (signal ? 128 + (os.constants.signals[signal] ?? 0) : 1));
    });
  });
}

const results = [];
let exitCode = 0;
for (const [i, step] of steps.entries()) {
  const shown = step.cmd === process.execPath ? ["node", ...step.args] : [step.cmd, ...step.args];
  console.log(`\n[test-all] ── ${i + 1}/${steps.length} ${step.name}: ${shown.join(" ")}`);
  const started = Date.now();
  let code = await run(step);
  if (interrupted && code === 0) code = 130;
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  results.push({ name: step.name, ok: code === 0, seconds, code });
  if (code !== 0) {
    exitCode = code;
    break;
  }
}

console.log("\n[test-all] summary");
for (const r of results) {
  console.log(`  ${r.ok ? "pass" : "FAIL"}  ${r.name} (${r.seconds}s${r.ok ? "" : `, exit ${r.code}`})`);
}
for (const s of steps.slice(results.length)) console.log(`  skip  ${s.name}`);
const passed = results.filter((r) => r.ok).length;
console.log(`${passed} passed, ${results.length - passed} failed`);
process.exit(exitCode);
