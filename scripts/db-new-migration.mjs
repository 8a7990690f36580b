#!/usr/bin/env node
// Authors a migration: `npm run db:new-migration -- <name>`.
//
// For SQLite and PostgreSQL it asks Prisma's WebAssembly schema engine for the SQL that takes
// a database built from the committed migrations to prisma/models.prisma, and writes it to
// prisma/<provider>/migrations/<timestamp>_<name>/migration.sql. This script exists because
// `prisma migrate dev`, which does the same, needs a native engine that cannot be downloaded
// here; on an internet-connected machine `prisma migrate dev --create-only --schema
// prisma/<provider>/schema.prisma` remains an option.
//
// The engine has no MySQL connector: the MySQL migration is written by hand (see the reminder
// printed at the end). PostgreSQL needs a server for its scratch databases:
// GATEHOUSE_DEV_POSTGRES_URL (default postgresql://postgres@127.0.0.1:5432/postgres).
import { mkdir, writeFile, access } from "node:fs/promises";
import path from "node:path";
import { ROOT, migrationsDirOf } from "./db/paths.mjs";
import { LOCKFILE, lockfileFor } from "./db/migrations-dir.mjs";
import { diffMigrationsToSchema } from "./db/schema-engine.mjs";
import { renderSchema, writeSchemas } from "./db/schema-render.mjs";

const ENGINE_PROVIDERS = /** @type {const} */ (["sqlite", "postgresql"]);

/** Prisma's folder-name rules: a UTC timestamp, then the name with unsafe characters as `_`. */
function folderName(name, now = new Date()) {
  const stamp = now.toISOString().replace(/[-:T]/g, "").slice(0, 14);
  const safe = name.replace(/[^A-Za-z0-9_]/g, "_").slice(0, 200);
  return `${stamp}_${safe}`;
}

async function exists(file) {
  return access(file).then(
    () => true,
    () => false,
  );
}

async function main() {
  const name = process.argv.slice(2).find((a) => !a.startsWith("-"));
  if (!name) {
    console.error("usage: npm run db:new-migration -- <name>   (e.g. add_api_key_scopes)");
    process.exitCode = 2;
    return;
  }
  await writeSchemas();
  const folder = folderName(name);
  const written = [];
  for (const provider of ENGINE_PROVIDERS) {
    const dir = migrationsDirOf(provider);
    await mkdir(dir, { recursive: true });
    const lockfile = path.join(dir, LOCKFILE);
    if (!(await exists(lockfile))) await writeFile(lockfile, lockfileFor(provider));

    const script = await diffMigrationsToSchema(provider, {
      schema: await renderSchema(provider),
      migrationsDir: dir,
    });
    if (script === "") {
      console.log(`${provider}: migrations already match the schema; nothing written.`);
      continue;
    }
    const file = path.join(dir, folder, "migration.sql");
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, script);
    written.push(file);
    console.log(`${provider}: wrote ${path.relative(ROOT, file)}`);
  }
  if (written.length > 0) {
    const mysqlFile = path.join(path.relative(ROOT, migrationsDirOf("mysql")), folder, "migration.sql");
    console.log(
      [
        "",
        "Reminder: write the MySQL/MariaDB migration by hand (no Prisma tool here can create it):",
        `  ${mysqlFile}`,
        "Start from the PostgreSQL file, in Prisma's MySQL dialect: backticks, VARCHAR(n) and",
        "TEXT as in the @db attributes of prisma/models.prisma, DATETIME(3), utf8mb4 tables.",
        "`npx vitest run --project db` compares its structure with PostgreSQL's and runs the stores on it.",
        "Then run `npm run db:generate` and commit the three migrations together.",
      ].join("\n"),
    );
  }
}

main().catch((error) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
