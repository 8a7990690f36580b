/**
 * JSON objects in text columns: one schema serves SQLite, PostgreSQL and MySQL, and the
 * values are only ever read and written whole.
 */

export function toJsonColumn(value: Record<string, unknown>): string {
  return JSON.stringify(value);
}

/** Parses a column written by `toJsonColumn`; anything but an object means a corrupt row. */
export function fromJsonColumn(text: string, column: string): Record<string, unknown> {
  const value: unknown = JSON.parse(text);
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new Error(`${column} does not hold a JSON object`);
  }
  return value as Record<string, unknown>;
}
