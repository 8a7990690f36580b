// Which database a DATABASE_URL points at. Plain JavaScript so that the Node scripts
// (migrator, test helpers) and the TypeScript store share one definition; types are in
// database-url.d.mts.

/** Used when DATABASE_URL is unset or empty: an SQLite file in the working directory. */
export const DEFAULT_DATABASE_URL = "file:./gatehouse.db";

/** The providers Gatehouse generates a client and keeps migrations for. */
export const PROVIDERS = /** @type {const} */ (["sqlite", "postgresql", "mysql"]);

/**
 * Returns DATABASE_URL (or the given url), trimmed, falling back to the SQLite default.
 * @param {string | undefined} [url]
 */
export function resolveDatabaseUrl(url = process.env.DATABASE_URL) {
  const trimmed = (url ?? "").trim();
  return trimmed === "" ? DEFAULT_DATABASE_URL : trimmed;
}

/**
 * Maps a connection URL to its provider by scheme.
 * @param {string} url
 * @returns {"sqlite" | "postgresql" | "mysql"}
 */
export function providerOf(url) {
  const scheme = url.slice(0, url.indexOf(":") + 1).toLowerCase();
  switch (scheme) {
    case "file:":
      return "sqlite";
    case "postgresql:":
    case "postgres:":
      return "postgresql";
    case "mysql:":
    case "mariadb:":
      return "mysql";
    default:
      throw new Error(
        `DATABASE_URL must start with file: (SQLite), postgresql:// or postgres:// (PostgreSQL), ` +
          `or mysql:// or mariadb:// (MySQL/MariaDB); got "${redactUrl(url)}".`,
      );
  }
}

/**
 * The path better-sqlite3 opens for a `file:` URL. Relative paths are relative to the working
 * directory, as for the Prisma adapter; a `?query` (legacy Prisma options) is ignored.
 * @param {string} url
 */
export function sqlitePathOf(url) {
  const withoutScheme = url.replace(/^file:/i, "");
  const query = withoutScheme.indexOf("?");
  return query === -1 ? withoutScheme : withoutScheme.slice(0, query);
}

/**
 * The URL with its passwords replaced, for messages and logs: the user information's, and a
 * `password` or `sslpassword` query parameter's. The user information ends at the
 * last `@` before the query, as URL parsers read it, so that a password with a raw `@`, `/` or
 * `:` in it, or an empty user name (`//:secret@host`), is hidden whole; a URL this cannot read
 * is rather hidden too much than too little.
 * @param {string} url
 */
export function redactUrl(url) {
  return redactQueryPasswords(redactUserInfo(url));
}

/** A password in the query (`?password=`, `?sslpassword=`), which pg's connection string reads as well. */
function redactQueryPasswords(url) {
  const queryAt = url.indexOf("?");
  if (queryAt === -1) return url;
  return url.slice(0, queryAt) + url.slice(queryAt).replace(/([?&](?:ssl)?pass(?:word)?=)[^&#]*/gi, "$1***");
}

/** @param {string} url */
function redactUserInfo(url) {
  const start = url.indexOf("//");
  if (start === -1) return url;
  const afterSlashes = start + 2;
  const queryAt = url.slice(afterSlashes).search(/[?#]/);
  const end = queryAt === -1 ? url.length : afterSlashes + queryAt;
  const at = url.lastIndexOf("@", end - 1);
  if (at < afterSlashes) return url;
  const colon = url.indexOf(":", afterSlashes);
  if (colon === -1 || colon > at) return url;
  return `${url.slice(0, colon + 1)}***${url.slice(at)}`;
}
