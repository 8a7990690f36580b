/**
 * Prisma implementations of the storage interfaces declared in lib/auth/ports/.
 *
 * @example
 * // lib/gatehouse.ts (composition root)
 * import { createPrismaStores } from "@/lib/store";
 * const stores = createPrismaStores(); // DATABASE_URL, or SQLite at file:./gatehouse.db
 */
import type { Stores } from "../auth/ports";
import { createPrismaApiKeyStore } from "./prisma-api-key-store";
import { createPrismaAuditStore } from "./prisma-audit-store";
import { providerOf, resolveDatabaseUrl, type DatabaseProvider } from "./database-url.mjs";
import { createPrismaEmailTokenStore } from "./prisma-email-token-store";
import { getPrismaClient, type PrismaClientSource } from "./prisma-client";
import { revocationListenerFromEnv } from "./revocation-listener";
import { createPrismaRevocationStore } from "./prisma-revocation-store";
import { createPrismaRoleStore } from "./prisma-role-store";
import { createPrismaSessionStore } from "./prisma-session-store";
import { createPrismaSigningKeyStore } from "./prisma-signing-key-store";
import { createPrismaThirdPartyStore } from "./prisma-third-party-store";
import { createPrismaUserAdminStore } from "./prisma-user-admin-store";
import { createPrismaUserStore } from "./prisma-user-store";
import { createPrismaPasswordlessStore } from "./prisma-passwordless-store";
import { createPrismaMfaStore } from "./prisma-mfa-store";
import { createPrismaSealedSecretStore } from "./prisma-sealed-secret-store";
import { createPrismaWebauthnStore } from "./prisma-webauthn-store";
import { createPrismaEmailRewriteStore } from "./prisma-email-rewrite-store";
import { createPrismaImportStore } from "./prisma-import-store";
import { createPrismaOrganizationStore } from "./prisma-organization-store";

/**
 * Stores backed by the database at `databaseUrl`.
 *
 * Nothing connects until the first call; the client is shared with every other caller using
 * the same URL. The schema must be migrated first (`npm run db:migrate`).
 *
 * @param databaseUrl `file:…` (SQLite), `postgresql://…`/`postgres://…`, or
 *   `mysql://…`/`mariadb://…`. Defaults to `DATABASE_URL`, then to `file:./gatehouse.db`.
 */
export function createPrismaStores(databaseUrl?: string): Stores {
  const url = resolveDatabaseUrl(databaseUrl);
  const client = () => getPrismaClient(url);
  // PostgreSQL pushes revocations to listening instances (LISTEN/NOTIFY) ahead of their sync.
  const postgres = providerOf(url) === "postgresql";
  const listen = revocationListenerFromEnv(providerOf(url));
  return {
    ...createPrismaStoresOn(client, providerOf(url)),
    revocations: createPrismaRevocationStore(client, { notify: postgres, listenUrl: listen ? url : undefined }),
  };
}

/** Stores on a given client source (e.g. a client from openPrismaClient); `provider` names its database (PostgreSQL and SQLite refresh in one statement). */
export function createPrismaStoresOn(client: PrismaClientSource, provider?: DatabaseProvider): Stores {
  return {
    users: createPrismaUserStore(client),
    sessions: createPrismaSessionStore(client, { provider }),
    signingKeys: createPrismaSigningKeyStore(client),
    roles: createPrismaRoleStore(client),
    revocations: createPrismaRevocationStore(client),
    thirdParty: createPrismaThirdPartyStore(client),
    emailVerificationTokens: createPrismaEmailTokenStore(client, "emailVerificationToken"),
    passwordResetTokens: createPrismaEmailTokenStore(client, "passwordResetToken"),
    userAdmin: createPrismaUserAdminStore(client),
    apiKeys: createPrismaApiKeyStore(client),
    audit: createPrismaAuditStore(client),
    passwordless: createPrismaPasswordlessStore(client),
    mfa: createPrismaMfaStore(client),
    webauthn: createPrismaWebauthnStore(client),
    webauthnRecoverTokens: createPrismaEmailTokenStore(client, "webauthnRecoverToken"),
    imports: createPrismaImportStore(client),
    organizations: createPrismaOrganizationStore(client),
    emailRewrites: createPrismaEmailRewriteStore(client),
    sealedSecrets: createPrismaSealedSecretStore(client),
  };
}

export { createPrismaRateLimitStore, createRateLimitStore } from "./prisma-rate-limit-store";
export { disconnectAllPrismaClients, disconnectPrismaClient, getPrismaClient, openPrismaClient } from "./prisma-client";
export type { GatehousePrismaClient } from "./prisma-client";
