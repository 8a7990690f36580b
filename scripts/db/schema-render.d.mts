import type { DatabaseProvider } from "../../lib/store/database-url.mjs";

/** Removes native type attributes (`@db.*`) from every non-comment line. */
export declare function stripNativeTypes(models: string): string;
/** The per-provider schema text for a models source. */
export declare function renderSchemaFrom(provider: DatabaseProvider, models: string): string;
/** Reads prisma/models.prisma and renders the schema for `provider`. */
export declare function renderSchema(provider: DatabaseProvider): Promise<string>;
/** The models part of a rendered schema without native types. */
export declare function providerNeutralModels(schema: string): string;
/** Writes every provider's schema whose content changed; returns the files written. */
export declare function writeSchemas(): Promise<string[]>;
