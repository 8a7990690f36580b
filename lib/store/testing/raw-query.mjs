// One SQL statement on any of the three databases through the raw driver, bypassing Prisma:
// for tests that inspect bookkeeping or break things on purpose. Test-only. Plain JavaScript
// (types in raw-query.d.mts) because better-sqlite3 ships no type declarations.
import Database from "better-sqlite3";
import mariadb from "mariadb";
import pg from "pg";
import { mariadbConnectionString } from "../mariadb-connect-timeout.mjs";
import { providerOf, sqlitePathOf } from "../database-url.mjs";

/**
 * @param {string} url
 * @param {string} sql
 * @returns {Promise<Record<string, unknown>[]>}
 */
export async function rawQuery(url, sql) {
  switch (providerOf(url)) {
    case "sqlite": {
      const db = new Database(sqlitePathOf(url));
      try {
        const statement = db.prepare(sql);
        return statement.reader ? statement.all() : (statement.run(), []);
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
      const conn = await mariadb.createConnection(mariadbConnectionString(url));
      try {
        const result = await conn.query(sql);
        return Array.isArray(result) ? result : [];
      } finally {
        await conn.end();
      }
    }
  }
}
