#!/usr/bin/env node
// Generates the three Prisma clients (SQLite, PostgreSQL, MySQL) into lib/store/generated/.
// Runs at `postinstall` and before `next build`; works with no network.
//
// 1. Renders prisma/<provider>/schema.prisma from prisma/models.prisma (see scripts/db/schema-render.mjs).
// 2. Runs `prisma generate` once per provider, in parallel.
import { spawn } from "node:child_process";
import { readdirSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { PROVIDERS } from "../lib/store/database-url.mjs";
import { ROOT, schemaFileOf } from "./db/paths.mjs";
import { writeSchemas } from "./db/schema-render.mjs";

const require = createRequire(import.meta.url);

/** Directory of an installed package, or null when it is not installed. */
function packageDir(name) {
  try {
    return path.dirname(require.resolve(`${name}/package.json`, { paths: [ROOT] }));
  } catch {
    return null;
  }
}

/** Whether a native schema engine binary sits where the Prisma CLI looks for one. */
function hasNativeSchemaEngine() {
  const dirs = [packageDir("@prisma/engines"), packageDir("prisma")].filter(Boolean);
  return dirs.some((dir) => readdirSync(dir).some((f) => f.startsWith("schema-engine-") && !/\.(gz|sha256|wasm)$/.test(f)));
}

/** Environment for the Prisma CLI. */
function prismaEnv() {
  const env = { ...process.env, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" };
  // Why: `prisma generate` insists on locating the native schema engine (and downloads it when
  // missing) although the Rust-free `prisma-client` generator never runs it. Its binary host is
  // unreachable from machines that only see the npm registry, and without a binary generation
  // fails. Pointing PRISMA_SCHEMA_ENGINE_BINARY at any existing file satisfies the lookup; we
  // use Node's own executable. We do this only when no engine is installed, and never override
  // a value the user set, so that machines with a real engine keep using it.
  if (!env.PRISMA_SCHEMA_ENGINE_BINARY && !hasNativeSchemaEngine()) {
    env.PRISMA_SCHEMA_ENGINE_BINARY = process.execPath;
  }
  return env;
}

/** Runs `prisma generate` for one provider; resolves with its combined output. */
function generate(cli, provider, env) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cli, "generate", "--schema", schemaFileOf(provider)], {
      cwd: ROOT,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stdout.on("data", (d) => (output += d));
    child.stderr.on("data", (d) => (output += d));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(output) : reject(new Error(`prisma generate (${provider}) exited with ${code}:\n${output}`))));
  });
}

async function main() {
  const prismaDir = packageDir("prisma");
  if (!prismaDir) {
    // A production install without devDependencies: the clients must come from the build.
    const message = "prisma-generate: the prisma CLI is not installed; clients not generated.";
    if (process.env.npm_lifecycle_event === "postinstall") {
      console.warn(message);
      return;
    }
    throw new Error(message);
  }
  const started = Date.now();
  const written = await writeSchemas();
  for (const file of written) console.log(`prisma-generate: wrote ${path.relative(ROOT, file)}`);

  const cli = path.join(prismaDir, "build", "index.js");
  const env = prismaEnv();
  await Promise.all(PROVIDERS.map((provider) => generate(cli, provider, env)));
  console.log(`prisma-generate: generated ${PROVIDERS.join(", ")} clients in lib/store/generated/ ` + `(${Date.now() - started} ms)`);
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
