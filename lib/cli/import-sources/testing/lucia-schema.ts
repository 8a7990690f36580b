/**
 * A Lucia v3 app's tables on each database: the user and session tables of Lucia's adapter pages
 * (v3.lucia-auth.com/database/*: `auth_user` and `user_session` on PostgreSQL, `user` and
 * `user_session` on MySQL, `user` and `session` on SQLite), with the columns Lucia's email and
 * password guides add to the user table: a unique email, the password hash (NULL for users who
 * signed up through OAuth) and `email_verified`. The MySQL app names its hash `password_hash`.
 */
export const LUCIA_TABLES = {
  postgresql: [
    `CREATE TABLE auth_user (id TEXT PRIMARY KEY, email TEXT NOT NULL UNIQUE, hashed_password TEXT, email_verified BOOLEAN NOT NULL DEFAULT FALSE)`,
    `CREATE TABLE user_session (id TEXT PRIMARY KEY, expires_at TIMESTAMPTZ NOT NULL, user_id TEXT NOT NULL REFERENCES auth_user(id))`,
  ],
  mysql: [
    "CREATE TABLE user (id VARCHAR(255) PRIMARY KEY, email VARCHAR(255) NOT NULL UNIQUE, password_hash VARCHAR(255), email_verified BOOLEAN NOT NULL DEFAULT FALSE)",
    "CREATE TABLE user_session (id VARCHAR(255) PRIMARY KEY, expires_at DATETIME NOT NULL, user_id VARCHAR(255) NOT NULL REFERENCES user(id))",
  ],
  sqlite: [
    `CREATE TABLE user (id TEXT NOT NULL PRIMARY KEY, email TEXT NOT NULL UNIQUE, hashed_password TEXT, email_verified INTEGER NOT NULL DEFAULT 0)`,
    `CREATE TABLE session (id TEXT NOT NULL PRIMARY KEY, expires_at INTEGER NOT NULL, user_id TEXT NOT NULL, FOREIGN KEY (user_id) REFERENCES user(id))`,
  ],
};

/** Per database: the `--users-table` and `--password-column` the app above needs (none: the defaults). */
export const LUCIA_OPTIONS: Record<keyof typeof LUCIA_TABLES, string[]> = {
  postgresql: ["--users-table", "auth_user"],
  mysql: ["--password-column", "password_hash"],
  sqlite: [],
};
