/**
 * Drift checks: one model source, three schemas, three clients, three migration folders, all
 * saying the same thing.
 * - The committed per-provider schemas are what prisma/models.prisma renders to, differ only
 *   in their generator/datasource blocks (and MySQL's native types), and the generated clients
 *   were built from them.
 * - SQLite and PostgreSQL: Prisma's engine finds nothing between the migrations and the schema.
 * - MySQL (no engine connector): the hand-written migration builds the same tables, columns,
 *   keys, indexes and foreign keys as the engine-written PostgreSQL one.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PROVIDERS } from "./database-url.mjs";
import { clientDirOf, migrationsDirOf, schemaFileOf } from "../../scripts/db/paths.mjs";
import { diffMigrationsToSchema } from "../../scripts/db/schema-engine.mjs";
import { providerNeutralModels, renderSchema, stripNativeTypes } from "../../scripts/db/schema-render.mjs";
import { createTestDatabase, type TestDatabase } from "../../scripts/test-db.mjs";
import { describePostgres, describeMysql } from "./testing/describe-schema";

const readSchema = (provider: (typeof PROVIDERS)[number]) => readFile(schemaFileOf(provider), "utf8");

/** A schema without its generator and datasource blocks. */
const withoutBlocks = (schema: string) => schema.replace(/^(generator|datasource) \w+ \{[^}]*\}\n/gm, "");

describe("per-provider schemas", () => {
  it.each(PROVIDERS)("prisma/%s/schema.prisma is up to date with prisma/models.prisma", async (provider) => {
    // Fails after editing models.prisma without `npm run db:generate`.
    expect(await readSchema(provider)).toBe(await renderSchema(provider));
  });

  it("differ only in generator and datasource blocks, and MySQL's native types", async () => {
    const [sqlite, postgresql, mysql] = await Promise.all(PROVIDERS.map(readSchema));
    for (const schema of [sqlite, postgresql, mysql]) {
      expect(schema!.match(/^(generator|datasource) \w+ \{/gm)).toHaveLength(2);
    }
    expect(withoutBlocks(postgresql!)).toBe(withoutBlocks(sqlite!));
    expect(stripNativeTypes(withoutBlocks(mysql!))).toBe(withoutBlocks(sqlite!));
    expect(providerNeutralModels(mysql!)).toBe(providerNeutralModels(sqlite!));
    expect(mysql).toMatch(/@db\.VarChar\(191\)/);
    expect(postgresql).not.toMatch(/ @db\.\w+/);
  });

  it.each(PROVIDERS)("the generated %s client was built from the committed schema", async (provider) => {
    const classFile = await readFile(path.join(clientDirOf(provider), "internal", "class.ts"), "utf8");
    const inline = /"inlineSchema": ("(?:[^"\\]|\\.)*")/.exec(classFile)?.[1];
    expect(inline, "inlineSchema not found in the generated client").toBeDefined();
    expect(JSON.parse(inline!)).toBe(await readSchema(provider));
  });
});

describe("migrations match the schema", () => {
  it.each(["sqlite", "postgresql"] as const)("%s: Prisma's engine finds no difference", async (provider) => {
    const script = await diffMigrationsToSchema(provider, {
      schema: await renderSchema(provider),
      migrationsDir: migrationsDirOf(provider),
    });
    // A non-empty script here is the migration someone forgot: npm run db:new-migration -- <name>
    expect(script).toBe("");
  });

  describe("mysql: the hand-written migration has PostgreSQL's structure", () => {
    let postgres: TestDatabase;
    let mysql: TestDatabase;
    beforeAll(async () => {
      [postgres, mysql] = await Promise.all([createTestDatabase("postgresql"), createTestDatabase("mysql")]);
    });
    afterAll(async () => {
      await Promise.all([postgres?.drop(), mysql?.drop()]);
    });

    it("same tables, columns, nullability, keys, indexes and foreign keys", async () => {
      const [expected, actual] = await Promise.all([describePostgres(postgres.url), describeMysql(mysql.url)]);
      expect(actual.tables).toEqual(expected.tables);
      expect(actual.columns).toEqual(expected.columns);
      expect(actual.indexes).toEqual(expected.indexes);
      expect(actual.foreignKeys).toEqual(expected.foreignKeys);
    });

    it("column types follow the @db attributes of prisma/mysql/schema.prisma", async () => {
      const { nativeTypes } = await describeMysql(mysql.url);
      const declared = mysqlTypesDeclaredIn(await readSchema("mysql"));
      expect(Object.keys(declared)).toHaveLength(144);
      // MariaDB reports a display width (`int(11)`, `bigint(20)`), MySQL 8 does not: compare without it.
      const withoutIntWidth = Object.fromEntries(Object.entries(nativeTypes).map(([c, t]) => [c, t.replace(/^(big)?int\(\d+\)$/, "$1int")]));
      expect(withoutIntWidth).toEqual(declared);
    });
  });
});

/**
 * `table.column` -> the MySQL column type Prisma derives from the schema: the `@db` attribute
 * when there is one, else Prisma's MySQL defaults (VARCHAR(191), DATETIME(3), TINYINT(1)).
 */
function mysqlTypesDeclaredIn(schema: string): Record<string, string> {
  const defaults: Record<string, string> = { String: "varchar(191)", DateTime: "datetime(3)", Boolean: "tinyint(1)", Int: "int", BigInt: "bigint" };
  const types: Record<string, string> = {};
  for (const [, body] of schema.matchAll(/^model \w+ \{([\s\S]*?)^\}/gm)) {
    const table = /@@map\("([^"]+)"\)/.exec(body!)?.[1];
    for (const line of body!.split("\n")) {
      const field = /^\s+(\w+)\s+(String|DateTime|Boolean|Int|BigInt)\??(.*)$/.exec(line);
      if (!field) continue;
      const [, name, type, attributes] = field;
      const column = /@map\("([^"]+)"\)/.exec(attributes!)?.[1] ?? name;
      const native = /@db\.(\w+)(?:\((\d+)\))?/.exec(attributes!);
      types[`${table}.${column}`] = native ? `${native[1]!.toLowerCase()}${native[2] ? `(${native[2]})` : ""}` : defaults[type!]!;
    }
  }
  return types;
}
