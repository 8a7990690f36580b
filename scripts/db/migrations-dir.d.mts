export declare const LOCKFILE: "migration_lock.toml";
/** sha256 (hex) of a migration file: the value in `_prisma_migrations.checksum`. */
export declare function checksumOf(script: string | Uint8Array): string;
/** Whether a migration file is the one recorded with `checksum`, line endings aside (as Prisma decides). */
export declare function matchesChecksum(migration: { script: string; checksum: string }, recorded: string): boolean;
/** The migrations in `dir`, in the order they apply. */
export declare function readMigrations(dir: string): Promise<{ name: string; script: string; checksum: string }[]>;
/** The provider in migration_lock.toml, or null without one. */
export declare function readLockedProvider(dir: string): Promise<string | null>;
/** The lockfile Prisma writes for `provider`. */
export declare function lockfileFor(provider: string): string;
