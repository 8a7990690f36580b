import type { ClientInfo } from "../auth/client-info";
import type { EngineContext, RequestScope } from "../auth/context";
import { requestClient } from "./client-address";
import type { Endpoint } from "./endpoint";
import { handleEmailExists, handleSignIn, handleSignUp } from "./endpoints/email-password";
import { handleDeprecatedEmailExists } from "./endpoints/deprecated-paths";
import { handleEmailVerifyToken, handleIsEmailVerified, handleVerifyEmail } from "./endpoints/email-verification";
import { handlePasswordReset, handlePasswordResetToken } from "./endpoints/password-reset";
import {
  handleDeleteRole,
  handleGrantRole,
  handleListRoles,
  handlePutRole,
  handleRemovePermissions,
  handleRevokeRole,
  handleUserRoles,
  handleUsersWithRole,
} from "./endpoints/admin-roles";
import { ADMIN_USER_ROUTES } from "./endpoints/admin-users";
import { ADMIN_AUDIT_ROUTES } from "./endpoints/admin-audit";
import { ADMIN_KEY_ROUTES } from "./endpoints/admin-keys";
import { ADMIN_MFA_ROUTES } from "./endpoints/admin-mfa";
import { handleChangePassword } from "./endpoints/change-password";
import { handleListMySessions, handleRevokeMySessions } from "./endpoints/my-sessions";
import { handleJwks, handleOpenIdConfiguration, handleRefresh, handleSignOut } from "./endpoints/session";
import { handleAppleCallback, handleAuthorisationUrl, handleThirdPartySignInUp, handleThirdPartyStart } from "./endpoints/third-party";
import {
  handleConsumeCode,
  handleCreateCode,
  handlePasswordlessEmailExists,
  handlePasswordlessPhoneNumberExists,
  handleResendCode,
} from "./endpoints/passwordless";
import { handleMfaInfo } from "./endpoints/mfa";
import {
  handleCreateRecoveryCodes,
  handleCreateTotpDevice,
  handleListTotpDevices,
  handleRemoveTotpDevice,
  handleRedeemRecoveryCode,
  handleVerifyTotp,
  handleVerifyTotpDevice,
} from "./endpoints/totp";
import {
  handleListCredentials,
  handleRecoverAccount,
  handleRecoverToken,
  handleRegisterCredential,
  handleRegisterOptions,
  handleRemoveCredential,
  handleRenameCredential,
  handleSignInOptions,
  handleWebauthnEmailExists,
  handleWebauthnSignIn,
  handleWebauthnSignUp,
} from "./endpoints/webauthn";
import { handleLoginMethods } from "./endpoints/tenants";
import { ORGANIZATION_ROUTES } from "./endpoints/organizations";
import { ADMIN_ORGANIZATION_ROUTES } from "./endpoints/admin-organizations";
import { finishRequest, requestContext } from "./request-log";
import { checkSlug, PUBLIC_TENANT_ID } from "../auth/organizations/organization-names";
import { MESSAGE } from "../auth/wire-codes";
import { hasNul, NUL_REFUSED } from "./parse";
import { badInput, errorResponse, json, notFound } from "./respond";

/** The auth API in one screen. Paths are relative to `apiBasePath` (default /api/auth). */
export const ROUTES: Record<string, Partial<Record<string, Endpoint>>> = {
  "/signup": { POST: handleSignUp },
  "/signin": { POST: handleSignIn },
  "/emailpassword/email/exists": { GET: handleEmailExists },
  "/authorisationurl": { GET: handleAuthorisationUrl },
  "/signinup": { POST: handleThirdPartySignInUp },
  "/callback/apple": { POST: handleAppleCallback },
  // Gatehouse's own: the built-in UI's provider buttons start here (sealed state cookie, then the provider).
  "/thirdparty/start": { GET: handleThirdPartyStart },
  "/signinup/code": { POST: handleCreateCode },
  "/signinup/code/resend": { POST: handleResendCode },
  "/signinup/code/consume": { POST: handleConsumeCode },
  "/passwordless/email/exists": { GET: handlePasswordlessEmailExists },
  "/passwordless/phonenumber/exists": { GET: handlePasswordlessPhoneNumberExists },
  // The spec writes it `phoneNumber`; supertokens-web-js calls the lower-case path above.
  "/passwordless/phoneNumber/exists": { GET: handlePasswordlessPhoneNumberExists },
  // Deprecated in the FDI, still called by older clients (endpoints/deprecated-paths.ts); the
  // older clients wrote the phone number's path `phoneNumber`.
  "/signup/email/exists": { GET: handleDeprecatedEmailExists },
  "/signup/phonenumber/exists": { GET: handlePasswordlessPhoneNumberExists },
  "/signup/phoneNumber/exists": { GET: handlePasswordlessPhoneNumberExists },
  "/mfa/info": { PUT: handleMfaInfo },
  "/totp/device": { POST: handleCreateTotpDevice },
  "/totp/device/verify": { POST: handleVerifyTotpDevice },
  "/totp/verify": { POST: handleVerifyTotp },
  "/totp/device/list": { GET: handleListTotpDevices },
  "/totp/device/remove": { POST: handleRemoveTotpDevice },
  // Gatehouse's own, beyond the FDI: recovery codes.
  "/mfa/recovery-codes": { POST: handleCreateRecoveryCodes },
  "/mfa/recovery-code/verify": { POST: handleRedeemRecoveryCode },
  "/webauthn/options/register": { POST: handleRegisterOptions },
  "/webauthn/options/signin": { POST: handleSignInOptions },
  "/webauthn/signup": { POST: handleWebauthnSignUp },
  "/webauthn/signin": { POST: handleWebauthnSignIn },
  "/webauthn/credential": { POST: handleRegisterCredential },
  "/webauthn/credential/list": { GET: handleListCredentials },
  "/webauthn/credential/remove": { POST: handleRemoveCredential },
  // Gatehouse's own, beyond the FDI: the built-in account page names passkeys.
  "/webauthn/credential/rename": { POST: handleRenameCredential },
  "/webauthn/email/exists": { GET: handleWebauthnEmailExists },
  "/user/webauthn/reset/token": { POST: handleRecoverToken },
  "/user/webauthn/reset": { POST: handleRecoverAccount },
  "/user/password/reset/token": { POST: handlePasswordResetToken },
  "/user/password/reset": { POST: handlePasswordReset },
  "/user/email/verify/token": { POST: handleEmailVerifyToken },
  "/user/email/verify": { POST: handleVerifyEmail, GET: handleIsEmailVerified },
  "/session/refresh": { POST: handleRefresh },
  "/signout": { POST: handleSignOut },
  "/jwt/jwks.json": { GET: (ctx) => handleJwks(ctx) },
  "/.well-known/openid-configuration": { GET: async (ctx) => handleOpenIdConfiguration(ctx) },
  "/loginmethods": { GET: handleLoginMethods },
  // Gatehouse's own, beyond the FDI: the signed-in user's sessions.
  "/user/sessions": { GET: handleListMySessions },
  "/user/password/change": { POST: handleChangePassword },
  "/user/sessions/revoke": { POST: handleRevokeMySessions },
  // The signed-in user's organizations (docs/organizations.md).
  ...ORGANIZATION_ROUTES,
  // The admin API (an API key or an `admin` session: lib/http/admin-auth.ts).
  "/admin/roles": { GET: handleListRoles },
  "/admin/roles/:role": { PUT: handlePutRole, DELETE: handleDeleteRole },
  "/admin/roles/:role/permissions/remove": { POST: handleRemovePermissions },
  "/admin/roles/:role/users": { GET: handleUsersWithRole },
  "/admin/users/:userId/roles": { GET: handleUserRoles },
  "/admin/users/:userId/roles/:role": { PUT: handleGrantRole, DELETE: handleRevokeRole },
  ...ADMIN_USER_ROUTES,
  ...ADMIN_AUDIT_ROUTES,
  ...ADMIN_KEY_ROUTES,
  ...ADMIN_MFA_ROUTES,
  ...ADMIN_ORGANIZATION_ROUTES,
};

/**
 * The FDI paths that take a tenant segment in front (`/<tenantId>/signin`); supertokens-web-js
 * leaves it off for "public", so today's paths are the public tenant's. Every one of them
 * answers under `/public/…` and under an organization's slug, and every handler of them asks
 * lib/http/tenant.ts for the tenant (its login methods, membership rules, the session's `tId`):
 * none acts as "public" under an organization's tenant.
 */
export const TENANT_PATHS: ReadonlySet<string> = new Set([
  "/signin",
  "/signup",
  "/emailpassword/email/exists",
  "/user/password/reset/token",
  "/user/password/reset",
  "/authorisationurl",
  "/signinup",
  "/signinup/code",
  "/signinup/code/resend",
  "/signinup/code/consume",
  "/passwordless/email/exists",
  "/passwordless/phonenumber/exists",
  "/passwordless/phoneNumber/exists",
  "/signup/email/exists",
  "/signup/phonenumber/exists",
  "/signup/phoneNumber/exists",
  "/user/email/verify/token",
  "/user/email/verify",
  "/loginmethods",
  "/webauthn/options/register",
  "/webauthn/options/signin",
  "/webauthn/signup",
  "/webauthn/signin",
  "/webauthn/credential",
  "/webauthn/credential/list",
  "/webauthn/credential/remove",
  "/webauthn/credential/rename",
  "/webauthn/email/exists",
  "/user/webauthn/reset/token",
  "/user/webauthn/reset",
]);

/** `/<tenantId>/<FDI path>` → the tenant id and the path, or null. */
function splitTenant(path: string): { tenantId: string; rest: string } | null {
  const slash = path.indexOf("/", 1);
  if (slash < 0) return null;
  const tenantId = path.slice(1, slash);
  const rest = path.slice(slash);
  if (!TENANT_PATHS.has(rest)) return null;
  return tenantId === PUBLIC_TENANT_ID || checkSlug(tenantId) === undefined ? { tenantId, rest } : null;
}

type Match = { route: Partial<Record<string, Endpoint>>; params: Record<string, string> } | { error: Response } | null;

/** Exact paths first, then `:param` patterns, segment by segment. */
function matchRoute(path: string): Match {
  if (ROUTES[path]) return { route: ROUTES[path], params: {} };
  const tenant = splitTenant(path);
  if (tenant) return { route: ROUTES[tenant.rest]!, params: { tenantId: tenant.tenantId } };
  const segments = path.split("/");
  for (const [pattern, route] of Object.entries(ROUTES)) {
    const parts = pattern.split("/");
    if (!pattern.includes(":") || parts.length !== segments.length) continue;
    const params: Record<string, string> = {};
    let matched = true;
    for (let i = 0; i < parts.length && matched; i++) {
      if (parts[i].startsWith(":")) {
        try {
          params[parts[i].slice(1)] = decodeURIComponent(segments[i]);
        } catch {
          return { error: badInput("The path is not valid percent-encoding") };
        }
        if (hasNul(params[parts[i].slice(1)]!)) return { error: badInput(NUL_REFUSED) };
        matched = segments[i] !== "";
      } else matched = parts[i] === segments[i];
    }
    if (matched) return { route, params };
  }
  return null;
}

/** A route's methods as the Allow header names them: HEAD wherever GET is. */
function allowedMethods(route: Partial<Record<string, Endpoint>>): string[] {
  const methods = Object.keys(route);
  return route.GET ? [...methods, "HEAD"] : methods;
}

/**
 * Dispatches a request under apiBasePath. Every failure becomes a JSON answer, never a throw.
 * Every log line of the request carries its id, and its audit events are stored before the
 * answer leaves (lib/http/request-log.ts).
 */
export async function handleAuthRequest(engine: EngineContext, request: Request, scope: RequestScope = {}): Promise<Response> {
  const client = requestClient(engine, request);
  const ctx = requestContext(engine, request, client, scope);
  const response = await dispatch(ctx, request, client);
  await finishRequest(ctx);
  return response;
}

async function dispatch(ctx: EngineContext, request: Request, client: ClientInfo): Promise<Response> {
  try {
    const { pathname, searchParams } = new URL(request.url);
    for (const [name, value] of searchParams) if (hasNul(name) || hasNul(value)) return badInput(NUL_REFUSED);
    const base = ctx.config.apiBasePath;
    if (pathname !== base && !pathname.startsWith(`${base}/`)) return notFound();
    const path = pathname.slice(base.length).replace(/\/+$/, "") || "/";
    const match = matchRoute(path);
    if (!match) return notFound();
    if ("error" in match) return match.error;
    const allow = allowedMethods(match.route);
    // Only the route's own methods: no Access-Control-Allow-* here, so a cross-origin preflight
    // is never approved (csrf.ts relies on that for the `rid` header).
    if (request.method === "OPTIONS") {
      return new Response(null, { status: 204, headers: { Allow: [...allow, "OPTIONS"].join(", "), "Cache-Control": "no-store" } });
    }
    // HEAD is GET without the body (RFC 9110 9.3.2); Next hands it to the GET export as "HEAD".
    const head = request.method === "HEAD";
    const endpoint = match.route[head ? "GET" : request.method];
    if (!endpoint) return json({ message: MESSAGE.METHOD_NOT_ALLOWED }, 405, { Allow: allow.join(", ") });
    const response = await endpoint(ctx, request, match.params, client);
    if (!head) return response;
    await response.body?.cancel();
    return new Response(null, { status: response.status, statusText: response.statusText, headers: response.headers });
  } catch (error) {
    return errorResponse(error, ctx.log);
  }
}
