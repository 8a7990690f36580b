/**
 * The fixed strings Gatehouse writes on the wire, in one table: the FDI's own wording (which
 * supertokens-web-js and the built-in UI recognise), Gatehouse's messages, and the `code`s and
 * `reason`s that tell machines apart what a `status` leaves open. Code writes them from here
 * rather than typing them again; tests keep their own literal copies on purpose, since they pin
 * the wire format. The UI's dictionaries (lib/i18n) hold the same English text as
 * translations, and a test there checks they match.
 *
 * Result-union statuses (`{ status: "WRONG_CREDENTIALS_ERROR" }`) stay literal in the engine: the
 * unions' types check every one of them at compile time. `STATUS` holds the ones the HTTP layer
 * writes into bodies of its own.
 */

/** `status` values the HTTP layer writes itself. */
export const STATUS = {
  FIELD_ERROR: "FIELD_ERROR",
  BAD_INPUT_ERROR: "BAD_INPUT_ERROR",
  GENERAL_ERROR: "GENERAL_ERROR",
  SERVICE_UNAVAILABLE: "SERVICE_UNAVAILABLE",
} as const;

/** Human-readable `message`s and field errors, exactly as clients receive them. */
export const MESSAGE = {
  /** FDI: a required form field is missing or empty. */
  FIELD_NOT_OPTIONAL: "Field is not optional",
  EMAIL_INVALID: "Email is invalid",
  /** 400: the same form field id sent twice, which would leave it unclear which value counts. */
  DUPLICATE_FIELD_ID: "formFields: a field id appears twice",
  /** 400: third-party sign-in with a redirect URI that could carry or receive more than the code. */
  INVALID_REDIRECT_URI: "redirectURIOnProviderDashboard must be an absolute URL without query or fragment",
  /** 400: third-party sign-in whose redirectURIQueryParams hold neither the provider's code nor its error: nothing to redeem. */
  NO_PROVIDER_ANSWER: "redirectURIInfo.redirectURIQueryParams must hold the provider's code (or its error)",
  EMAIL_EXISTS: "This email already exists. Please sign in instead.",
  /** SIGN_UP_NOT_ALLOWED on an organization's tenant: invitation only, or not this email's domain. */
  TENANT_SIGN_UP_CLOSED: "Sign-up is not open for this organization. Ask for an invitation.",
  /**
   * SIGN_UP_NOT_ALLOWED (and SIGN_IN_NOT_ALLOWED) on a tenant that admits its email domains: the
   * address is of them but not verified, and joining by domain takes a verified one.
   */
  TENANT_EMAIL_NOT_VERIFIED:
    "This organization admits its email domain only with a verified address. Sign up without the organization, verify your email, then sign in here; or use its single sign-on, an email code or an invitation.",
  /** Passwordless under a tenant that signs in neither by email nor by phone, as the request asked. */
  CONTACT_NOT_ACCEPTED: "This organization does not sign in this way; please use another sign-in method",
  /** SIGN_IN_UP_NOT_ALLOWED on an organization's tenant for someone who is not a member and may not join. */
  TENANT_NOT_A_MEMBER: "This account cannot sign in to this organization. Ask for an invitation.",
  /** 404 for a tenant id that names no organization. */
  TENANT_NOT_FOUND: "Unknown tenant",
  /** A new password on the shipped common-password list; a translated UI maps this exact string. */
  COMMON_PASSWORD: "This password is too common. Please choose a less common one.",
  EMAIL_DELIVERY_FAILED: "The email could not be sent. Please try again later.",
  /** A state-changing request from another origin (login CSRF and the like). */
  CROSS_ORIGIN_REFUSED: "Cross-origin request refused",
  /** FDI: an expired access token; the client refreshes. */
  TRY_REFRESH_TOKEN: "try refresh token",
  /** FDI: no usable session; the client treats itself as signed out. */
  UNAUTHORISED: "unauthorised",
  /** FDI: a claim check failed (403). */
  INVALID_CLAIM: "invalid claim",
  /** FDI: the reason a claim validator gives for a value other than the one required. */
  WRONG_VALUE: "wrong value",
  NOT_FOUND: "not found",
  METHOD_NOT_ALLOWED: "method not allowed",
  INTERNAL_ERROR: "Internal error",
  TEMPORARILY_UNAVAILABLE: "Temporarily unavailable, try again shortly",
  UNKNOWN_USER: "Unknown user",
  /** SIGN_UP_NOT_ALLOWED / SIGN_IN_UP_NOT_ALLOWED: an operator deleted the account while it was signing in. */
  ACCOUNT_DELETED: "This account has just been deleted.",
  /** GENERAL_ERROR on POST /totp/device: the user's unverified devices are at `mfa.totp.maxUnverifiedDevices`, none abandoned. */
  TOTP_SETUPS_UNFINISHED: "Too many authenticator set-ups were started and not finished. Please try again in an hour.",
  /** GENERAL_ERROR on POST /totp/device: the user holds `mfa.totp.maxDevices` devices, none an abandoned set-up (CODE.TOO_MANY_TOTP_DEVICES). */
  TOO_MANY_TOTP_DEVICES: "Your account has as many authenticator apps as it may hold. Remove one before adding another.",
  /** GENERAL_ERROR on adding a passkey signed in, and on its options: the user holds `webauthn.maxPasskeys` (CODE.TOO_MANY_PASSKEYS). */
  TOO_MANY_PASSKEYS: "Your account has as many passkeys as it may hold. Remove one before adding another.",
  /** GENERAL_ERROR on POST /webauthn/credential/remove: the account's last way in (CODE.LAST_WAY_IN). */
  LAST_PASSKEY: "This passkey is the only way into your account, which cannot be recovered by email. Add another passkey before removing this one.",
  /** GENERAL_ERROR on POST /totp/device and /totp/device/verify: recovery by email is the account's last way in, and an authenticator would close it (CODE.LAST_WAY_IN). */
  TOTP_CLOSES_LAST_WAY_IN:
    "Your account has no passkey or password: only recovery by email opens it, which an authenticator app would close. Add a passkey before setting up an authenticator app.",
} as const;

/** Machine-readable `code`s and audit `reason`s that sit beside a status. */
export const CODE = {
  /** 401 unauthorised: a session cookie came twice (cookie tossing), so both copies were cleared. */
  DUPLICATE_COOKIE: "DUPLICATE_COOKIE",
  /** GENERAL_ERROR on third-party sign-in: an ID token without a nonce from this server. */
  NONCE_REQUIRED: "NONCE_REQUIRED",
  /** GENERAL_ERROR on POST /totp/device: too many unverified devices (MESSAGE.TOTP_SETUPS_UNFINISHED). */
  TOTP_SETUPS_UNFINISHED: "TOTP_SETUPS_UNFINISHED",
  /** GENERAL_ERROR on POST /totp/device: the user's devices are at `mfa.totp.maxDevices` (MESSAGE.TOO_MANY_TOTP_DEVICES). */
  TOO_MANY_TOTP_DEVICES: "TOO_MANY_TOTP_DEVICES",
  /**
   * GENERAL_ERROR on POST /webauthn/options/register (the signed-in user's own address) and /webauthn/credential: the
   * user's passkeys are at `webauthn.maxPasskeys` (MESSAGE.TOO_MANY_PASSKEYS). Never for a recovery token or
   * /user/webauthn/reset: recovery is not capped.
   */
  TOO_MANY_PASSKEYS: "TOO_MANY_PASSKEYS",
  /**
   * GENERAL_ERROR on POST /webauthn/credential/remove: the last passkey of an account nothing else opens (MESSAGE.LAST_PASSKEY);
   * on POST /totp/device and /totp/device/verify: a first authenticator that would close the account's last way in, recovery by email (MESSAGE.TOTP_CLOSES_LAST_WAY_IN).
   */
  LAST_WAY_IN: "LAST_WAY_IN",
  /** Audit reason: the last row logged for a flood of failures, with the count. */
  TOO_MANY_FAILURES: "TOO_MANY_FAILURES",
} as const;
