export { ASSIGNABLE_ROLES } from "../auth/organizations/organization-names";
import { gatehouseFetch } from "../client/fetch";
import { en, type Messages } from "../i18n/en";
import { crossOriginMessage, type FdiAnswer } from "./fdi-post";
import { localiseServerMessage } from "../i18n/server-messages";
import type { ORGANIZATION_ERROR_MESSAGES, ROLE_NAME_MESSAGES } from "./client-messages";

/**
 * Calls the organizations API (docs/organizations.md) through lib/client, so that an expired
 * access token is refreshed once and a re-minted one (a switch) is stored before the page moves on.
 */
export async function callOrganizationsApi(
  apiBasePath: string,
  method: "GET" | "POST" | "PUT" | "DELETE",
  path: string,
  body?: unknown,
): Promise<FdiAnswer & { body: (FdiAnswer["body"] & Record<string, unknown>) | null }> {
  const response = await gatehouseFetch(
    `${apiBasePath}${path}`,
    {
      method,
      headers: body !== undefined ? { "content-type": "application/json" } : undefined,
      body: body !== undefined ? JSON.stringify(body) : undefined,
    },
    { apiBasePath },
  );
  return { httpStatus: response.status, body: await response.json().catch(() => null) };
}

/** `/organizations/<id>` with the id escaped (a slug needs none, but a path must never be built from raw input). */
export const organizationPath = (organizationId: string, rest = "") => `/organizations/${encodeURIComponent(organizationId)}${rest}`;

/** The message for a refused call, in the UI's language. */
export function organizationMessage(answer: FdiAnswer, t: Pick<Messages, (typeof ORGANIZATION_ERROR_MESSAGES)[number]> = en): string {
  const refused = crossOriginMessage(answer, t);
  if (refused) return refused;
  if (answer.httpStatus === 429 && typeof answer.body?.message === "string") return localiseServerMessage(answer.body.message, t);
  switch (answer.body?.status) {
    case "SLUG_INVALID":
      return t.orgSlugInvalid;
    case "SLUG_RESERVED":
      return t.orgSlugReserved;
    case "NAME_INVALID":
      return t.orgNameInvalid;
    case "ORGANIZATION_ALREADY_EXISTS":
      return t.orgExists;
    case "EMAIL_INVALID":
      return t.emailInvalid;
    case "EMAIL_DOMAIN_NOT_ALLOWED":
      return t.orgEmailDomainNotAllowed;
    case "NOT_ALLOWED":
      return t.orgNotAllowed;
    case "MEMBER_IS_OWNER":
      return t.orgMemberIsOwner;
    case "NOT_A_MEMBER":
      return t.orgNotAMember;
    case "CONFIRMATION_MISMATCH":
      return t.orgConfirmationMismatch;
    case "INVITATION_NOT_OPEN":
      return `${t.acceptNotOpenTitle}. ${t.acceptNotOpen}`;
    case "INVITATION_EMAIL_MISMATCH":
      return t.acceptWrongAccount;
    case "UNKNOWN_ORGANIZATION":
      return t.orgGone;
    case "TENANT_SIGN_IN_REQUIRED":
      return t.orgSignInRequired;
  }
  return answer.httpStatus === 503 ? t.serviceUnavailable : t.general;
}

/** A role's name for people; an app-defined role shows as it is stored. */
export function roleName(role: string, t: Pick<Messages, (typeof ROLE_NAME_MESSAGES)[number]> = en): string {
  if (role === "owner") return t.orgRoleOwner;
  if (role === "admin") return t.orgRoleAdmin;
  if (role === "member") return t.orgRoleMember;
  return role;
}
