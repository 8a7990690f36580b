/** Runs one statement through the raw driver of the URL's provider; rows for a query, [] otherwise. */
export declare function rawQuery(url: string, sql: string): Promise<Record<string, unknown>[]>;
