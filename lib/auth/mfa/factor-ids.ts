/**
 * The factor ids, SuperTokens' own, in one place: the `st-mfa` claim, the requirements and the
 * wire use them. Adding a factor (passkeys: "webauthn") is one line in each list that applies.
 */

/** Factors that can start a session (a sign-in method). */
export const FIRST_FACTOR_IDS = ["emailpassword", "thirdparty", "otp-email", "otp-phone", "link-email", "link-phone", "webauthn"] as const;

/**
 * First factors that are two factors in one: a passkey sign-in requires user verification (a PIN
 * or biometric on the authenticator, beside possession of it), so it meets the MFA requirements
 * by itself.
 */
export const MULTI_FACTOR_SIGN_INS: readonly string[] = ["webauthn"];

/** Factors that can be asked for after the first one. */
export const SECONDARY_FACTOR_IDS = ["totp", "otp-email", "otp-phone"] as const;

export type FirstFactorId = (typeof FIRST_FACTOR_IDS)[number];
export type SecondaryFactorId = (typeof SECONDARY_FACTOR_IDS)[number];
export type FactorId = FirstFactorId | SecondaryFactorId;

export function isSecondaryFactorId(value: string): value is SecondaryFactorId {
  return (SECONDARY_FACTOR_IDS as readonly string[]).includes(value);
}

/**
 * The secondary factors Gatehouse can complete within a session today, and so the only ones a
 * deployer or an organization may require. The others are reserved: required, they would leave a
 * user who signed in another way with no step to take, and a passwordless sign-in by code (which
 * proves `otp-email` or `otp-phone` as its first factor) would meet the requirement alone.
 */
export const REQUIRABLE_FACTOR_IDS = ["totp"] as const satisfies readonly SecondaryFactorId[];
export type RequirableFactorId = (typeof REQUIRABLE_FACTOR_IDS)[number];

export function isRequirableFactorId(value: string): value is RequirableFactorId {
  return (REQUIRABLE_FACTOR_IDS as readonly string[]).includes(value);
}

/** Why `value` cannot be required, or undefined when it can. */
export function unrequirableFactorReason(value: string): string | undefined {
  if (isRequirableFactorId(value)) return undefined;
  const can = REQUIRABLE_FACTOR_IDS.map((id) => `"${id}"`).join(", ");
  if (isSecondaryFactorId(value)) return `"${value}" cannot be completed after sign-in yet (docs/mfa.md, "Not yet"); the factors that can: ${can}`;
  return `"${value}" is not a secondary factor; the factors that can be required: ${can}`;
}

/** How a passwordless sign-in proved its address or number: a typed code or a consumed magic link. */
export type PasswordlessProof = "code" | "link";

/** The passwordless factor of a proof for an email or a phone number: `otp-*` for a typed code, `link-*` for a link. */
export function passwordlessFactorOf(kind: "email" | "phone", proof: PasswordlessProof): FirstFactorId {
  if (proof === "link") return kind === "email" ? "link-email" : "link-phone";
  return kind === "email" ? "otp-email" : "otp-phone";
}

/**
 * The factor a sign-in method proves (the context the session hooks receive). A passwordless
 * sign-in proves `otp-*` by a typed code and `link-*` by a link, as SuperTokens records them: a
 * tenant may take one and not the other, so `proof` says which it was.
 */
export function firstFactorOf(context: { method: string; email?: string; phoneNumber?: string }, proof: PasswordlessProof = "code"): FirstFactorId {
  if (context.method === "emailpassword") return "emailpassword";
  if (context.method === "thirdparty") return "thirdparty";
  if (context.method === "webauthn") return "webauthn";
  return passwordlessFactorOf(context.phoneNumber ? "phone" : "email", proof);
}
