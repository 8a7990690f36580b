/** Admin URL of the PostgreSQL server for scratch databases (GATEHOUSE_DEV_POSTGRES_URL). */
export declare function devPostgresUrl(): string;
/** Admin URL of the MySQL/MariaDB server for scratch databases (GATEHOUSE_DEV_MYSQL_URL). */
export declare function devMysqlUrl(): string;
/** A postgres URL split into pg's config fields. */
export declare function pgConfigOf(url: string): { host: string; port: number; user?: string; password?: string; database: string };
/** The same server URL with another database name. */
export declare function withDatabase(url: string, database: string): string;
/** A mysql/mariadb URL split into the mariadb driver's config fields, with a 10 s connect bound. */
export declare function mysqlConfigOf(url: string): {
  host: string;
  port: number;
  user?: string;
  password?: string;
  database?: string;
  connectTimeout: number;
};
