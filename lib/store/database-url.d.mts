/** Used when DATABASE_URL is unset or empty: an SQLite file in the working directory. */
export declare const DEFAULT_DATABASE_URL: "file:./gatehouse.db";
/** The providers Gatehouse generates a client and keeps migrations for. */
export declare const PROVIDERS: readonly ["sqlite", "postgresql", "mysql"];
export type DatabaseProvider = (typeof PROVIDERS)[number];
/** Returns DATABASE_URL (or the given url), trimmed, falling back to the SQLite default. */
export declare function resolveDatabaseUrl(url?: string): string;
/** Maps a connection URL to its provider by scheme; throws on an unknown scheme. */
export declare function providerOf(url: string): DatabaseProvider;
/** The path better-sqlite3 opens for a `file:` URL (relative to the working directory). */
export declare function sqlitePathOf(url: string): string;
/** The URL with its password replaced, for messages and logs. */
export declare function redactUrl(url: string): string;
