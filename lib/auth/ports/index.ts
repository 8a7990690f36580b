/**
 * Storage boundaries of the engine (ports), one file each beside this one. `lib/auth` declares them; `lib/store` implements them on
 * Prisma and `lib/auth/testing/memory-stores.ts` in memory. Every implementation must pass the
 * contract suite in `lib/store/stores.contract.ts`.
 *
 * Conventions: ids are strings chosen by the engine (UUIDs); times are `Date`; JSON columns are
 * passed as plain objects and stored as text so that one schema serves SQLite, PostgreSQL and
 * MySQL alike.
 */
import type { ApiKeyStore } from "./api-key-store";
import type { AuditStore } from "./audit-store";
import type { EmailRewriteStore } from "./email-rewrite-store";
import type { EmailTokenStore } from "./email-token-store";
import type { MfaStore } from "./mfa-store";
import type { ImportStore } from "./import-store";
import type { OrganizationStore } from "./organization-store";
import type { PasswordlessStore } from "./passwordless-store";
import type { RevocationStore } from "./revocation-store";
import type { RoleStore } from "./role-store";
import type { SealedSecretStore } from "./sealed-secret-store";
import type { SessionStore } from "./session-store";
import type { SigningKeyStore } from "./signing-key-store";
import type { ThirdPartyStore } from "./third-party-store";
import type { UserAdminStore } from "./user-admin-store";
import type { UserStore } from "./user-store";
import type { WebauthnStore } from "./webauthn-store";

export type * from "./api-key-store";
export type * from "./audit-store";
export type * from "./email-rewrite-store";
export type * from "./email-token-store";
export type * from "./mfa-store";
export type * from "./import-store";
export type * from "./organization-store";
export type * from "./passwordless-store";
export type * from "./rate-limit-store";
export type * from "./revocation-store";
export type * from "./role-store";
export type * from "./sealed-secret-store";
export type * from "./session-claim-facts";
export type * from "./session-store";
export type * from "./signing-key-store";
export type * from "./third-party-store";
export type * from "./user-admin-store";
export type * from "./user-row";
export type * from "./user-store";
export type * from "./webauthn-store";

export interface Stores {
  users: UserStore;
  sessions: SessionStore;
  signingKeys: SigningKeyStore;
  roles: RoleStore;
  /** Third-party identities (Google, GitHub, OIDC, …) and the users they belong to. */
  thirdParty: ThirdPartyStore;
  emailVerificationTokens: EmailTokenStore;
  passwordResetTokens: EmailTokenStore;
  /** Listing, counting and deleting users (admin API, dashboard, CLI). */
  userAdmin: UserAdminStore;
  /** Recent revocations, shared by every instance (see session/revocation-set.ts). */
  revocations: RevocationStore;
  apiKeys: ApiKeyStore;
  /** The audit log of security events (see audit/audit-recorder.ts). */
  audit: AuditStore;
  /** Passwordless sign-in: devices, codes and passwordless accounts. */
  passwordless: PasswordlessStore;
  /** Second factors: TOTP devices and recovery codes. */
  mfa: MfaStore;
  /** Passkeys (WebAuthn): credentials and the options of ceremonies under way. */
  webauthn: WebauthnStore;
  /** Emailed passkey-recovery tokens. */
  webauthnRecoverTokens: EmailTokenStore;
  /** Users brought in by `gatehouse import`, and `gatehouse export`. */
  imports: ImportStore;
  /** Organizations (which are also tenants), their members and invitations. */
  organizations: OrganizationStore;
  /** Stored addresses rewritten into their normalised form (`users normalise-emails`). */
  emailRewrites: EmailRewriteStore;
  /** TOTP secrets and tenants' client secrets as sealed text, resealed after a change of the app secret. */
  sealedSecrets: SealedSecretStore;
}
