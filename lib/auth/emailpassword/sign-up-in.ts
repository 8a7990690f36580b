import { randomUUID } from "node:crypto";
import type { EngineContext } from "../context";
import type { SignInUpAction, SignInUpContext } from "../config";
import { GatehouseError } from "../errors";
import { createNewSession, assertNoProtectedClaims, type IssuedTokens } from "../session/session";
import { toFdiEmailPasswordUser, type FdiUser } from "../user";
import type { UserRow } from "../stores";
import { burnPasswordVerification, hashPassword, verifyPassword } from "./password-hash";
import { normaliseEmail, validateEmail, validatePassword } from "./validators";

export interface FieldError {
  id: string;
  error: string;
}

export interface SessionRequestInfo {
  userAgent?: string | null;
  ip?: string | null;
}

export type SignUpResult =
  | { status: "OK"; user: FdiUser; tokens: IssuedTokens }
  | { status: "FIELD_ERROR"; formFields: FieldError[] };

export type SignInResult =
  | { status: "OK"; user: FdiUser; tokens: IssuedTokens }
  | { status: "FIELD_ERROR"; formFields: FieldError[] }
  | { status: "WRONG_CREDENTIALS_ERROR" };

export const EMAIL_EXISTS_MESSAGE = "This email already exists. Please sign in instead.";

export function validateSignUpFields(ctx: EngineContext, email: string, password: string): FieldError[] {
  const errors: FieldError[] = [];
  const emailError = validateEmail(email);
  if (emailError) errors.push({ id: "email", error: emailError });
  const passwordError = validatePassword(password, ctx.config.emailPassword.passwordPolicy);
  if (passwordError) errors.push({ id: "password", error: passwordError });
  return errors;
}

export async function signUp(
  ctx: EngineContext,
  input: { email: string; password: string; formFields: Record<string, string> } & SessionRequestInfo,
): Promise<SignUpResult> {
  const fieldErrors = validateSignUpFields(ctx, input.email, input.password);
  if (fieldErrors.length > 0) return { status: "FIELD_ERROR", formFields: fieldErrors };
  const email = normaliseEmail(input.email);
  const created = await ctx.stores.users.createEmailPasswordUser({
    id: randomUUID(),
    email,
    passwordHash: await hashPassword(input.password),
    timeJoined: ctx.now(),
  });
  if (created.status === "EMAIL_ALREADY_EXISTS_ERROR") {
    return { status: "FIELD_ERROR", formFields: [{ id: "email", error: EMAIL_EXISTS_MESSAGE }] };
  }
  return startSession(ctx, created.user, { method: "emailpassword", formFields: input.formFields }, "signup", input);
}

export async function signIn(
  ctx: EngineContext,
  input: { email: string; password: string; formFields: Record<string, string> } & SessionRequestInfo,
): Promise<SignInResult> {
  const emailError = validateEmail(input.email);
  if (emailError) return { status: "FIELD_ERROR", formFields: [{ id: "email", error: emailError }] };
  if (input.password.length === 0) {
    return { status: "FIELD_ERROR", formFields: [{ id: "password", error: "Field is not optional" }] };
  }
  const found = await ctx.stores.users.findEmailPasswordAccountByEmail(normaliseEmail(input.email));
  if (!found) {
    await burnPasswordVerification(input.password);
    return { status: "WRONG_CREDENTIALS_ERROR" };
  }
  if (!(await verifyPassword(found.account.passwordHash, input.password))) {
    return { status: "WRONG_CREDENTIALS_ERROR" };
  }
  return startSession(ctx, found.user, { method: "emailpassword", formFields: input.formFields }, "signin", input);
}

/** The one call site of the deployer's session hooks. */
async function startSession(
  ctx: EngineContext,
  row: UserRow,
  context: SignInUpContext,
  action: SignInUpAction,
  request: SessionRequestInfo,
): Promise<{ status: "OK"; user: FdiUser; tokens: IssuedTokens }> {
  const user = toFdiEmailPasswordUser(row);
  const jwtPayload = await callHook("setJwtPayload", () => ctx.config.setJwtPayload(user, context, action));
  assertNoProtectedClaims(jwtPayload, ctx);
  const sessionData = await callHook("setSessionData", () => ctx.config.setSessionData(user, context, action));
  const tokens = await createNewSession(ctx, {
    userId: row.id,
    jwtPayload,
    sessionData,
    userAgent: request.userAgent,
    ip: request.ip,
  });
  return { status: "OK", user, tokens };
}

async function callHook(
  name: string,
  hook: () => Record<string, unknown> | Promise<Record<string, unknown>>,
): Promise<Record<string, unknown>> {
  let value: unknown;
  try {
    value = await hook();
  } catch (error) {
    throw new GatehouseError("HOOK_FAILED", `${name} threw: ${(error as Error)?.message ?? String(error)}`, { cause: error });
  }
  if (value === undefined || value === null) return {};
  if (typeof value !== "object" || Array.isArray(value)) {
    throw new GatehouseError("HOOK_FAILED", `${name} must return a plain object`);
  }
  return value as Record<string, unknown>;
}
