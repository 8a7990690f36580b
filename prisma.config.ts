/**
 * Configuration for the standard Prisma CLI (`prisma migrate deploy`, `prisma migrate status`,
 * `prisma studio`, ...) on machines where it can download its engine. Gatehouse's own scripts
 * do not need it: `npm run db:migrate` applies the same migrations without a download.
 *
 * The provider follows DATABASE_URL exactly as at run time, so the CLI reads that provider's
 * schema and migrations folder. (`prisma generate` is run per provider with `--schema` by
 * scripts/prisma-generate.mjs, which overrides `schema` here.)
 */
import { defineConfig } from "prisma/config";
import { providerOf, resolveDatabaseUrl } from "./lib/store/database-url.mjs";

const url = resolveDatabaseUrl();
const provider = providerOf(url);

export default defineConfig({
  schema: `prisma/${provider}/schema.prisma`,
  migrations: { path: `prisma/${provider}/migrations` },
  datasource: { url },
});
