// Where the storage layer keeps its files, relative to the repository root. One place, so the
// generate, migrate and authoring scripts and the tests agree.
import path from "node:path";
import { fileURLToPath } from "node:url";

/** Repository root (the directory holding package.json). */
export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

/** The single source of truth for the models. */
export const MODELS_FILE = path.join(ROOT, "prisma", "models.prisma");

/** @param {"sqlite"|"postgresql"|"mysql"} provider */
export function schemaFileOf(provider) {
  return path.join(ROOT, "prisma", provider, "schema.prisma");
}

/** @param {"sqlite"|"postgresql"|"mysql"} provider */
export function migrationsDirOf(provider) {
  return path.join(ROOT, "prisma", provider, "migrations");
}

/** @param {"sqlite"|"postgresql"|"mysql"} provider */
export function clientDirOf(provider) {
  return path.join(ROOT, "lib", "store", "generated", provider);
}
