/**
 * One SQL statement on any of the three databases through the raw driver, bypassing Prisma:
 * for tests that inspect bookkeeping or break things on purpose. Test-only.
 */
import Database from "better-sqlite3";
import mariadb from "mariadb";
import pg from "pg";
import { providerOf, sqlitePathOf } from "../database-url.mjs";

export type RawRow = Record<string, unknown>;

export async function rawQuery(url: string, sql: string): Promise<RawRow[]> {
  switch (providerOf(url)) {
    case "sqlite": {
      const db = new Database(sqlitePathOf(url));
      try {
        const statement = db.prepare(sql);
        return statement.reader ? (statement.all() as RawRow[]) : (statement.run(), []);
      } finally {
        db.close();
      }
    }
    case "postgresql": {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        return (await client.query(sql)).rows;
      } finally {
        await client.end();
      }
    }
    case "mysql": {
      const conn = await mariadb.createConnection(url.replace(/^mysql:/i, "mariadb:"));
      try {
        const result = await conn.query(sql);
        return Array.isArray(result) ? (result as RawRow[]) : [];
      } finally {
        await conn.end();
      }
    }
  }
}
