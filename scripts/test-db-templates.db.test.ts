/**
 * The integration run's template databases (scripts/test-db.mjs): a test database copied from a
 * template must be the database a fresh migration makes — every table's definition, index,
 * foreign key and collation, and the migrator's own rows — or the suite would test a schema
 * that no deployment has. And it must be a copy, not a migration in disguise: its
 * `_prisma_migrations` rows carry the template's ids (a migration writes new random ones).
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { describePostgres } from "../lib/store/testing/describe-schema";
import { rawQuery } from "../lib/store/testing/raw-query.mjs";
import { createTemplateDatabases, createTestDatabase, TEMPLATES_VARIABLE, TEST_PROVIDERS, type TestDatabase } from "./test-db.mjs";

let templates: Awaited<ReturnType<typeof createTemplateDatabases>>;
const made: TestDatabase[] = [];

beforeAll(async () => {
  // Made here, not taken from the run's own: this file checks the copy against a migration.
  vi.stubEnv(TEMPLATES_VARIABLE, undefined);
  templates = await createTemplateDatabases();
  expect(templates.failed).toEqual([]);
});
afterEach(() => {
  vi.unstubAllEnvs();
});
afterAll(async () => {
  await Promise.all(made.map((db) => db.drop()));
  await templates?.drop();
});

/** A migrated database, and one copied from the template, both kept for dropping. */
async function migratedAndCopied(provider: (typeof TEST_PROVIDERS)[number]) {
  vi.stubEnv(TEMPLATES_VARIABLE, undefined);
  const migrated = await createTestDatabase(provider);
  made.push(migrated);
  vi.stubEnv(TEMPLATES_VARIABLE, templates.variable);
  const copied = await createTestDatabase(provider);
  made.push(copied);
  return { migrated, copied, template: JSON.parse(templates.variable)[provider] as string };
}

/** Everything that defines the schema, in a form two databases of one provider can be compared in. */
async function schemaOf(provider: string, url: string): Promise<unknown> {
  if (provider === "sqlite") return rawQuery(url, "SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name");
  if (provider === "postgresql") return describePostgres(url);
  const tables = await rawQuery(url, "SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() ORDER BY TABLE_NAME");
  const definitions = [];
  for (const { name } of tables) definitions.push((await rawQuery(url, `SHOW CREATE TABLE \`${String(name)}\``))[0]);
  return definitions;
}

const migrationRows = (url: string) =>
  rawQuery(url, "SELECT id, migration_name, checksum, applied_steps_count FROM _prisma_migrations ORDER BY migration_name");
const withoutIds = (rows: Record<string, unknown>[]) => rows.map(({ id: _id, ...rest }) => rest);

describe.each(TEST_PROVIDERS)("%s", (provider) => {
  it("a database copied from the template has the schema and migration rows of a migrated one", async () => {
    const { migrated, copied, template } = await migratedAndCopied(provider);
    expect(copied.name).not.toBe(migrated.name);
    expect(await schemaOf(provider, copied.url)).toEqual(await schemaOf(provider, migrated.url));
    const [copiedRows, migratedRows, templateRows] = await Promise.all([
      migrationRows(copied.url),
      migrationRows(migrated.url),
      migrationRows(template),
    ]);
    expect(copiedRows.length).toBeGreaterThan(0);
    expect(withoutIds(copiedRows)).toEqual(withoutIds(migratedRows));
    // A copy, not a second migration.
    expect(copiedRows.map((r) => r.id)).toEqual(templateRows.map((r) => r.id));
  });

  it("a copy is a database of its own: what one test writes, the template and the next copy do not see", async () => {
    const { copied, template } = await migratedAndCopied(provider);
    await rawQuery(copied.url, "DELETE FROM _prisma_migrations");
    expect((await migrationRows(template)).length).toBeGreaterThan(0);
    vi.stubEnv(TEMPLATES_VARIABLE, templates.variable);
    const next = await createTestDatabase(provider);
    made.push(next);
    expect((await migrationRows(next.url)).length).toBeGreaterThan(0);
  });
});
