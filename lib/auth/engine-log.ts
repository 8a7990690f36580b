/**
 * The engine's log boundary. `lib/auth` declares this small interface; `lib/log` implements it
 * with pino (whose loggers fit it as they are), and tests pass a silent or capturing one.
 *
 * Events are a closed union with a closed set of fields, so that engine code cannot log a
 * password, a token, a cookie or a secret by passing "the whole object": there is no field to
 * put it in. lib/log adds pino redaction on top as a second line of defence.
 *
 * Types only, importing nothing: the logger (log.ts) and the audit recorder
 * (audit/audit-recorder.ts) both use them, and log.ts uses the recorder.
 */
/** What an event line may carry besides its name. Nothing here is a credential. */
export interface AuthEventFields {
  userId?: string;
  sessionHandle?: string;
  /** The sign-in method ("emailpassword", "thirdparty", "passwordless", "webauthn"), or a delivery channel. */
  method?: string;
  role?: string;
  /** The id of an API key, never the key. */
  apiKeyId?: string;
  apiKeyName?: string;
  /** Why something was refused, as a status word ("WRONG_CREDENTIALS", "EXPIRED", …). */
  reason?: string;
  count?: number;
  /** The organization (tenant) an organization event is about. */
  organizationId?: string;
  /** The member an organization event is about, when it is not the actor (`userId`). */
  memberId?: string;
}

/** One line per auth event; names are stable so that alerts can match on them. */
export type AuthEvent =
  | "auth.signup"
  | "auth.signin"
  | "auth.signin_failed"
  /**
   * An account's failed sign-ins (`method` "emailpassword"), or the wrong current passwords of a
   * password change (`method` "password-change"), reached their limit: further attempts are
   * refused for the window. Recorded once per lock, by the failure that filled it (`count`).
   */
  | "auth.account_locked"
  | "session.refresh"
  | "session.theft_detected"
  /**
   * A refresh cookie came without the `__Host-` access cookie of its session (refresh-session.ts
   * `pairedAccessToken`): most likely planted on the parent domain by a sibling sub-domain. The
   * refresh was refused; `sessionHandle` is the refresh token's, which is the planter's session.
   */
  | "session.refresh_unpaired"
  | "session.signout"
  | "session.revoked"
  | "password.reset"
  | "password.set"
  | "password.changed"
  | "password.change_failed"
  /** An imported hash (bcrypt, argon2, scrypt) was replaced by argon2id at sign-in; `reason` names the old format. */
  | "password.rehashed"
  /** A user was created or updated by `gatehouse import`; `reason` names the source. */
  | "user.imported"
  | "email.verified"
  | "email.changed"
  | "role.created"
  | "role.permissions_added"
  | "role.deleted"
  | "role.permissions_removed"
  | "role.granted"
  | "role.removed"
  | "user.deleted"
  | "apikey.created"
  | "apikey.revoked"
  | "apikey.used"
  | "apikey.rejected"
  | "keys.rotated"
  /** Every signing key was removed and a new one started (`count` removed): after a change of the app secret; every access token stops verifying. */
  | "keys.reset"
  /** After a change of the app secret, `count` TOTP secrets and tenant client secrets sealed under the previous secret were sealed under the current one (`gatehouse secret reseal`). */
  | "secret.resealed"
  /** A passwordless code (and/or link) was sent; `method` says "email" or "sms". */
  | "passwordless.code_sent"
  /** A passwordless code was refused; `reason` says why (INCORRECT, EXPIRED, TOO_MANY_ATTEMPTS, FACTOR_NOT_ALLOWED with the factor in `method`). */
  | "passwordless.code_rejected"
  /** A second factor was set up (a TOTP device verified, recovery codes made); `method` is the factor id. */
  | "mfa.factor_added"
  /** A second factor was removed (`method`), or all of a user's (an admin's reset, `reason` "ADMIN_RESET"; a takeover of an unproven account, `reason` as for identities below). */
  | "mfa.factor_removed"
  /** A second factor was completed in a session; `method` is "totp" or "recovery-code". */
  | "mfa.factor_used"
  /** A second factor was refused; `reason` says why (INVALID, REPLAYED, LIMIT_REACHED). */
  | "mfa.factor_failed"
  /**
   * A TOTP set-up was refused: the user's unverified devices are at the cap (`reason`
   * "TOTP_SETUPS_UNFINISHED"), a first authenticator would close recovery by email, the account's
   * last way in (`reason` "LAST_WAY_IN"), or the session ended while a device, its first code or (`method`
   * "recovery-code") recovery codes were written, which were removed again (`reason` "SESSION_ENDED").
   */
  | "mfa.totp_setup_refused"
  /** A user's provider identities were removed (`count`; `reason` "RECOVERY_PROVED_EMAIL" or "PASSWORD_RESET_PROVED_EMAIL": a passkey recovery or a password reset took an unproven account over). */
  | "thirdparty.identity_removed"
  /** A user's passwordless account was removed (`reason` as above). */
  | "passwordless.account_removed"
  /** A passkey was added to a user (sign-up, signed in, or recovery); `method` says which. */
  | "webauthn.credential_added"
  /** A user removed one of their passkeys (or a recovery or reset that took an unproven account over removed `count`, `reason` as above). */
  | "webauthn.credential_removed"
  /** A passkey signed a user in. */
  | "webauthn.credential_used"
  /** A passkey ceremony was refused; `reason` says why (INVALID_CREDENTIALS, OPTIONS_NOT_FOUND, …). */
  | "webauthn.rejected"
  /**
   * A passkey's signature counter went backwards: two copies of one authenticator exist (a
   * cloned key). The sign-in was refused.
   */
  | "webauthn.clone_detected"
  /**
   * Organizations (lib/auth/organizations): `userId` is who acted, `memberId` whom it was about.
   * With `reason` "OWNER_DELETED", `userId` is an owner being deleted: their organization passed
   * to `memberId`, or was deleted for want of another member (owner-succession.ts).
   */
  | "organization.created"
  | "organization.deleted"
  | "organization.invited"
  | "organization.invitation_revoked"
  | "organization.member_joined"
  | "organization.member_role_changed"
  | "organization.member_removed"
  | "organization.member_left"
  | "organization.ownership_transferred"
  /** An operator set a tenant's login methods (admin API, CLI). */
  | "organization.tenant_configured";

export type LogLevel = "debug" | "info" | "warn" | "error";

type LogMethod = (fields: object, message?: string) => void;

/** The subset of pino's Logger the engine uses. */
export interface EngineLog {
  debug: LogMethod;
  info: LogMethod;
  warn: LogMethod;
  error: LogMethod;
  /** A logger whose every line also carries `bindings` (lib/http binds the request id). */
  child(bindings: Record<string, string | number | boolean>): EngineLog;
}
