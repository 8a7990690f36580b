/** The migrator and its imports (scripts/db-migrate.mjs), relative to the project root. */
export const MIGRATOR_FILES: string[];
/** The image's own scripts: start command (Dockerfile CMD) and HEALTHCHECK. */
export const IMAGE_SCRIPTS: string[];
/** Assembles the folder the Docker image runs; `distDir` defaults to GATEHOUSE_NEXT_DIST_DIR, then ".next". */
export function assembleStandaloneBundle(options: { out: string; distDir?: string }): void;
