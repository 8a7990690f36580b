import { randomUUID } from "node:crypto";
import type { EngineContext } from "../context";
import { limitClient } from "../limits/client-limits";
import { limitSignUps } from "../limits/sign-up-budget";
import type { TooManyAttempts } from "../limits/rate-limit";
import type { IssuedTokens } from "../session/session";
import { startSession } from "../start-session";
import { toFdiEmailPasswordUser, type FdiUser } from "../user";
import { MESSAGE } from "../wire-codes";
import { requiredCredentials, type CredentialsInput } from "./credentials";
import { checkNewPassword } from "./new-password";
import { hashPassword } from "./password-hash";
import { formFieldsForHooks, validateSignUpFields, type FieldError } from "./sign-up-fields";
import { checkNewEmail, normaliseEmail } from "./credential-checks";
import { admitToTenant, signUpRefusal } from "../organizations/tenants";
import { isAddressDeliveredAsWritten } from "../organizations/email-domains";

export type SignUpResult =
  | { status: "OK"; user: FdiUser; tokens: IssuedTokens }
  | { status: "FIELD_ERROR"; formFields: FieldError[] }
  /** The tenant takes no sign-ups (invitation only), none from this email's domain, or, by domain, none of an unverified address (every new one). */
  | { status: "SIGN_UP_NOT_ALLOWED"; reason: string }
  | TooManyAttempts;

/** The checks of a new account's email and password (sign-up, and an admin creating a user). */
export async function checkNewCredentials(ctx: EngineContext, email: string, password: string): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  const emailError = checkNewEmail(ctx.config.emailPassword, email) ?? (isAddressDeliveredAsWritten(email) ? undefined : MESSAGE.EMAIL_INVALID);
  if (emailError) errors.push({ id: "email", error: emailError });
  const passwordError = await checkNewPassword(ctx.config.emailPassword, password);
  if (passwordError) errors.push({ id: "password", error: passwordError });
  return errors;
}

/**
 * Email+password sign-up: the client's attempts (`signUpPerIp`), the form (email and password,
 * then the deployer's extra fields, which the browser checked too but anyone can skip that), the
 * new credentials, the sign-ups of all clients (`signUpGlobal`), then the user and its first
 * session.
 */
export async function signUp(ctx: EngineContext, input: CredentialsInput): Promise<SignUpResult> {
  const limited = await limitClient(ctx, "signUpPerIp", input.client);
  if (limited) return limited;
  const credentials = requiredCredentials(input);
  if (credentials.status !== "OK") return credentials;
  const formFields = input.formFields ?? {};
  const extraErrors = validateSignUpFields(ctx.config.emailPassword.signUpFields, formFields);
  if (extraErrors.length > 0) return { status: "FIELD_ERROR", formFields: extraErrors };
  const fieldErrors = await checkNewCredentials(ctx, credentials.email, credentials.password);
  if (fieldErrors.length > 0) return { status: "FIELD_ERROR", formFields: fieldErrors };
  const email = normaliseEmail(credentials.email);
  // A new account's address is unverified: a tenant that admits by email domain refuses it before anything is written.
  const refusal = input.tenant ? signUpRefusal(input.tenant, email, false) : null;
  if (refusal === "CLOSED") return { status: "SIGN_UP_NOT_ALLOWED", reason: MESSAGE.TENANT_SIGN_UP_CLOSED };
  if (refusal === "EMAIL_UNVERIFIED") return { status: "SIGN_UP_NOT_ALLOWED", reason: MESSAGE.TENANT_EMAIL_NOT_VERIFIED };
  // Counted once the form is whole and admitted, before the hash: what a flood would cost.
  const overBudget = await limitSignUps(ctx);
  if (overBudget) return overBudget;
  const row = { id: randomUUID(), email, passwordHash: await hashPassword(credentials.password), timeJoined: ctx.now() };
  let created = await ctx.stores.users.createEmailPasswordUser(row);
  if (created.status === "EMAIL_ALREADY_EXISTS_ERROR" && (await releaseFromUnprovenHolder(ctx, email))) {
    created = await ctx.stores.users.createEmailPasswordUser(row);
  }
  if (created.status === "EMAIL_ALREADY_EXISTS_ERROR") {
    return { status: "FIELD_ERROR", formFields: [{ id: "email", error: MESSAGE.EMAIL_EXISTS }] };
  }
  // The new user joins the tenant's organization; it was deleted meanwhile if this fails, and the account stays in the public tenant.
  if (input.tenant && !(await admitToTenant(ctx, input.tenant, created.user))) {
    return { status: "SIGN_UP_NOT_ALLOWED", reason: MESSAGE.TENANT_SIGN_UP_CLOSED };
  }
  const started = await startSession(ctx, {
    tenantId: input.tenant?.id,
    row: created.user,
    user: toFdiEmailPasswordUser(created.user),
    context: { method: "emailpassword", formFields: formFieldsForHooks(formFields) },
    action: "signup",
    client: input.client,
  });
  return started.status === "OK" ? started : { status: "SIGN_UP_NOT_ALLOWED", reason: MESSAGE.ACCOUNT_DELETED };
}

/**
 * A third-party user made before unverified provider emails stopped claiming addresses may
 * hold this one without proof (no password, not verified): it must not block the owner's
 * sign-up (lib/auth/thirdparty/sign-in-up.ts). It keeps its identity and loses the address.
 * Only such a provider-only holder: a sign-up proves no address, so a passkey or passwordless
 * user's unverified address stays its own. Taking it would let anyone who knows a passkey
 * user's address sign up under it with a password: the victim could no longer verify it, and
 * its passkey recovery link would add the victim's new passkey to the attacker's account.
 */
async function releaseFromUnprovenHolder(ctx: EngineContext, email: string): Promise<boolean> {
  const holder = await ctx.stores.thirdParty.findUserByEmail(email);
  return holder !== null && !holder.emailVerified && ctx.stores.thirdParty.releaseUnprovenEmail(holder.id, email, "sign-up");
}
