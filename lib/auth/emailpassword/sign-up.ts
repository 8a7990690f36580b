import { randomUUID } from "node:crypto";
import type { EngineContext } from "../context";
import { logAuthEvent } from "../log";
import type { IssuedTokens } from "../session/session";
import { startSession, type SessionRequestInfo } from "../start-session";
import { toFdiEmailPasswordUser, type FdiUser } from "../user";
import { burnPasswordVerification, hashPassword, verifyPassword } from "./password-hash";
import { normaliseEmail, validateEmail } from "./validators";
import { checkNewPassword } from "./new-password";
import { checkNewEmail } from "./validators-config";
import { MESSAGE } from "../wire-codes";

export interface FieldError {
  id: string;
  error: string;
}

export type { SessionRequestInfo };

export type SignUpResult =
  | { status: "OK"; user: FdiUser; tokens: IssuedTokens }
  | { status: "FIELD_ERROR"; formFields: FieldError[] };

export type SignInResult =
  | { status: "OK"; user: FdiUser; tokens: IssuedTokens }
  | { status: "FIELD_ERROR"; formFields: FieldError[] }
  | { status: "WRONG_CREDENTIALS_ERROR" };

export async function validateSignUpFields(ctx: EngineContext, email: string, password: string): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  const emailError = checkNewEmail(ctx.config.emailPassword, email);
  if (emailError) errors.push({ id: "email", error: emailError });
  const passwordError = await checkNewPassword(ctx.config.emailPassword, password);
  if (passwordError) errors.push({ id: "password", error: passwordError });
  return errors;
}

export async function signUp(
  ctx: EngineContext,
  input: { email: string; password: string; formFields: Record<string, string> } & SessionRequestInfo,
): Promise<SignUpResult> {
  const fieldErrors = await validateSignUpFields(ctx, input.email, input.password);
  if (fieldErrors.length > 0) return { status: "FIELD_ERROR", formFields: fieldErrors };
  const email = normaliseEmail(input.email);
  const row = { id: randomUUID(), email, passwordHash: await hashPassword(input.password), timeJoined: ctx.now() };
  let created = await ctx.stores.users.createEmailPasswordUser(row);
  if (created.status === "EMAIL_ALREADY_EXISTS_ERROR" && (await releaseFromUnprovenHolder(ctx, email))) {
    created = await ctx.stores.users.createEmailPasswordUser(row);
  }
  if (created.status === "EMAIL_ALREADY_EXISTS_ERROR") {
    return { status: "FIELD_ERROR", formFields: [{ id: "email", error: MESSAGE.EMAIL_EXISTS }] };
  }
  return startSession(ctx, toFdiEmailPasswordUser(created.user), { method: "emailpassword", formFields: input.formFields }, "signup", input);
}

export async function signIn(
  ctx: EngineContext,
  input: { email: string; password: string; formFields: Record<string, string> } & SessionRequestInfo,
): Promise<SignInResult> {
  const emailError = validateEmail(input.email);
  if (emailError) return { status: "FIELD_ERROR", formFields: [{ id: "email", error: emailError }] };
  if (input.password.length === 0) return { status: "FIELD_ERROR", formFields: [{ id: "password", error: MESSAGE.FIELD_NOT_OPTIONAL }] };
  const found = await ctx.stores.users.findEmailPasswordAccountByEmail(normaliseEmail(input.email));
  if (!found) {
    await burnPasswordVerification(input.password);
    logAuthEvent(ctx, "auth.signin_failed", { method: "emailpassword", reason: "UNKNOWN_EMAIL" });
    return { status: "WRONG_CREDENTIALS_ERROR" };
  }
  if (!(await verifyPassword(found.account.passwordHash, input.password))) {
    logAuthEvent(ctx, "auth.signin_failed", { method: "emailpassword", reason: "WRONG_PASSWORD", userId: found.user.id });
    return { status: "WRONG_CREDENTIALS_ERROR" };
  }
  return startSession(ctx, toFdiEmailPasswordUser(found.user), { method: "emailpassword", formFields: input.formFields }, "signin", input);
}

/**
 * A third-party user made before unverified provider emails stopped claiming addresses may
 * hold this one without proof (no password, not verified): it must not block the owner's
 * sign-up (lib/auth/thirdparty/sign-in-up.ts). It keeps its identity and loses the address.
 */
async function releaseFromUnprovenHolder(ctx: EngineContext, email: string): Promise<boolean> {
  const holder = await ctx.stores.thirdParty.findUserByEmail(email);
  return holder !== null && !holder.emailVerified && ctx.stores.thirdParty.releaseUnprovenEmail(holder.id, email);
}
