import type { DatabaseProvider } from "../../lib/store/database-url.mjs";

export declare const ROOT: string;
export declare const MODELS_FILE: string;
export declare function schemaFileOf(provider: DatabaseProvider): string;
export declare function migrationsDirOf(provider: DatabaseProvider): string;
export declare function clientDirOf(provider: DatabaseProvider): string;
