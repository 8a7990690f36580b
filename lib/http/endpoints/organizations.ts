/**
 * The organizations API (Gatehouse's own, beyond the FDI), for the signed-in user: every call
 * checks the session against the database, so a revoked session can change nothing with its
 * leftover access token. Who may do what is the engine's (lib/auth/organizations).
 */
import { z } from "zod";
import type { EngineContext } from "../../auth/context";
import { switchOrganization } from "../../auth/organizations/active-organization";
import { acceptInvitation, inviteMember, listOpenInvitations, revokeInvitation } from "../../auth/organizations/invitations";
import {
  changeMemberRole,
  createOrganization,
  deleteOrganization,
  leaveOrganization,
  listMembers,
  listMyOrganizations,
  removeMember,
  transferOwnership,
} from "../../auth/organizations/organizations";
import { activeOrganizationOf } from "../../auth/organizations/organization-claim";
import { EMAIL_VERIFICATION_CLAIM } from "../../auth/emailverification/email-verification-claim";
import type { VerifiedSession } from "../../auth/session/session";
import { parseBody } from "../parse";
import { json, resultResponse } from "../respond";
import { answerUnauthorised } from "../session-errors";
import { attachTokens, clearTokens, tokenTransferFor } from "../session-transport";
import { verifyRequestSession, type VerifyRequestOptions } from "../verify-request";

/** HTTP status of each outcome; the body always carries the status word. */
const HTTP_STATUS: Record<string, number> = {
  OK: 200,
  UNKNOWN_ORGANIZATION: 404,
  NOT_ALLOWED: 403,
  TENANT_SIGN_IN_REQUIRED: 403,
  INVITATION_EMAIL_MISMATCH: 403,
  ORGANIZATION_ALREADY_EXISTS: 409,
  MEMBER_IS_OWNER: 409,
  NOT_A_MEMBER: 404,
  INVITATION_NOT_OPEN: 410,
  GENERAL_ERROR: 502,
};

function answer(result: { status: string } & Record<string, unknown>): Response {
  return json(result, HTTP_STATUS[result.status] ?? 400);
}

/**
 * A session that ended between its check and the write (revoked meanwhile) is answered as one
 * revoked before the check: the FDI's 401 "unauthorised", which FDI clients take as signed out.
 */
function answerLive(ctx: EngineContext, request: Request, result: { status: string } & Record<string, unknown>): Response | Promise<Response> {
  return result.status === "UNKNOWN_SESSION_ERROR" ? answerUnauthorised(ctx, request) : answer(result);
}

type Handler = (ctx: EngineContext, request: Request, params: Record<string, string>, session: VerifiedSession) => Promise<Response>;

/** The handler with a verified, database-checked session (the FDI's 401s otherwise). */
function withUser(handler: Handler, options: Pick<VerifyRequestOptions, "overrideGlobalClaimValidators"> = {}) {
  return async (ctx: EngineContext, request: Request, params: Record<string, string>): Promise<Response> => {
    const verified = await verifyRequestSession(ctx, request, { ...options, checkDatabase: true });
    if (!verified.ok) return verified.response;
    return handler(ctx, request, params, verified.session);
  };
}

const text = (max: number) => z.string().min(1).max(max);
// Empty is the engine's to refuse (SLUG_INVALID, NAME_INVALID, as docs/organizations-api.md
// says), as it refuses a blank name; only oversized values stop here.
const createBody = z.object({ slug: z.string().max(63), name: z.string().max(200) }).strict();
const inviteBody = z.object({ email: text(320), role: text(64) }).strict();
const roleBody = z.object({ role: text(64) }).strict();
const memberBody = z.object({ userId: text(191) }).strict();
const confirmBody = z.object({ confirm: z.string().max(63) }).strict();
const tokenBody = z.object({ token: text(256) }).strict();
const switchBody = z.object({ organizationId: text(63) }).strict();

const organizationJson = (o: { id: string; name: string; createdAt: Date }) => ({ id: o.id, name: o.name, createdAt: o.createdAt.getTime() });

/** GET /organizations: mine, with my role in each, and the session's active one. */
const handleListMine = withUser(async (ctx, _request, _params, session) => {
  const mine = await listMyOrganizations(ctx, session.userId);
  return json({
    status: "OK",
    active: activeOrganizationOf(session.accessTokenPayload),
    organizations: mine.map(({ organization, role }) => ({ ...organizationJson(organization), role })),
  });
});

/** POST /organizations {slug, name}: a new organization owned by the caller. */
const handleCreate = withUser(async (ctx, request, _params, session) => {
  const body = await parseBody(request, createBody);
  if (!body.ok) return body.response;
  const result = await createOrganization(ctx, { userId: session.userId, ...body.value });
  if (result.status === "TOO_MANY_ATTEMPTS") return resultResponse(result);
  return result.status === "OK" ? json({ status: "OK", organization: organizationJson(result.organization) }) : answer(result);
});

/** GET /organizations/:organizationId/members */
const handleMembers = withUser(async (ctx, _request, { organizationId }, session) => {
  const result = await listMembers(ctx, { organizationId: organizationId!, userId: session.userId });
  if (result.status !== "OK") return answer(result);
  return json({
    status: "OK",
    organization: organizationJson(result.organization),
    members: result.members.map((m) => ({ userId: m.userId, role: m.role, joinedAt: m.joinedAt.getTime() })),
  });
});

const handleInvite = withUser(async (ctx, request, { organizationId }, session) => {
  const body = await parseBody(request, inviteBody);
  if (!body.ok) return body.response;
  const input = { organizationId: organizationId!, userId: session.userId, sessionHandle: session.sessionHandle, ...body.value };
  const result = await inviteMember(ctx, input);
  // Held back by the invitation limits: 429 with Retry-After.
  if (result.status === "TOO_MANY_ATTEMPTS") return resultResponse(result);
  // Revoked while the invitation was written: answered as a revoked session is at the check.
  return answerLive(ctx, request, result);
});

const handleListInvitations = withUser(async (ctx, _request, { organizationId }, session) => {
  const result = await listOpenInvitations(ctx, { organizationId: organizationId!, userId: session.userId });
  if (result.status !== "OK") return answer(result);
  return json({
    status: "OK",
    invitations: result.invitations.map((i) => ({
      id: i.id,
      email: i.email,
      role: i.role,
      createdAt: i.createdAt.getTime(),
      expiresAt: i.expiresAt.getTime(),
    })),
  });
});

const handleRevokeInvitation = withUser(async (ctx, _request, { organizationId, invitationId }, session) =>
  answer(await revokeInvitation(ctx, { organizationId: organizationId!, userId: session.userId, invitationId: invitationId! })),
);

/**
 * POST /organizations/invitations/accept {token}: the signed-in invitee joins. An unverified
 * email is let through in REQUIRED mode: the token came to that address, and accepting verifies it.
 */
const handleAccept = withUser(
  async (ctx, request, _params, session) => {
    const body = await parseBody(request, tokenBody);
    if (!body.ok) return body.response;
    const result = await acceptInvitation(ctx, { token: body.value.token, userId: session.userId });
    if (result.status !== "OK") return answer(result);
    return json({
      status: "OK",
      organizationId: result.membership.organizationId,
      role: result.membership.role,
      wasAlreadyMember: result.wasAlreadyMember,
    });
  },
  { overrideGlobalClaimValidators: (globals) => globals.filter((validator) => validator.id !== EMAIL_VERIFICATION_CLAIM) },
);

const handleChangeRole = withUser(async (ctx, request, { organizationId, userId }, session) => {
  const body = await parseBody(request, roleBody);
  if (!body.ok) return body.response;
  return answer(await changeMemberRole(ctx, { organizationId: organizationId!, userId: session.userId, memberId: userId!, role: body.value.role }));
});

/**
 * DELETE /organizations/:organizationId/members/:userId. An admin removing themselves is leaving:
 * when this request's session is inside, it ends with the membership, and the answer clears its
 * tokens, as /leave does.
 */
const handleRemove = withUser(async (ctx, request, { organizationId, userId }, session) => {
  const result = await removeMember(ctx, { organizationId: organizationId!, userId: session.userId, memberId: userId! });
  if (result.status !== "OK") return answer(result);
  const response = json({ status: "OK" });
  if (result.revokedSessionHandles.includes(session.sessionHandle)) clearTokens(response.headers, ctx.config, tokenTransferFor(request));
  return response;
});

/**
 * POST /organizations/:organizationId/leave. The caller's sessions inside the organization end
 * with the membership (lib/auth/organizations/member-removal.ts), this request's own too when it
 * is inside: the answer is still OK, and clears its tokens, so that the client learns at once
 * that it is signed out. A session that leaves from outside (switched to "public" or another
 * organization first) stays signed in.
 */
const handleLeave = withUser(async (ctx, request, { organizationId }, session) => {
  const result = await leaveOrganization(ctx, { organizationId: organizationId!, userId: session.userId });
  if (result.status !== "OK") return answer(result);
  const response = json({ status: "OK" });
  if (result.revokedSessionHandles.includes(session.sessionHandle)) clearTokens(response.headers, ctx.config, tokenTransferFor(request));
  return response;
});

const handleTransfer = withUser(async (ctx, request, { organizationId }, session) => {
  const body = await parseBody(request, memberBody);
  if (!body.ok) return body.response;
  return answer(await transferOwnership(ctx, { organizationId: organizationId!, userId: session.userId, memberId: body.value.userId }));
});

/**
 * POST /organizations/:organizationId/delete {confirm}: `confirm` must be the slug, typed again.
 * The sessions inside the organization end with it: when this request's is one of them, the
 * answer clears its tokens, as leaving from inside does.
 */
const handleDelete = withUser(async (ctx, request, { organizationId }, session) => {
  const body = await parseBody(request, confirmBody);
  if (!body.ok) return body.response;
  const result = await deleteOrganization(ctx, { organizationId: organizationId!, userId: session.userId, confirm: body.value.confirm });
  if (result.status !== "OK") return answer(result);
  const response = json({ status: "OK" });
  if (result.revokedSessionHandles.includes(session.sessionHandle)) clearTokens(response.headers, ctx.config, tokenTransferFor(request));
  return response;
});

/**
 * PUT /organizations/active {organizationId}: switches the session (new access token, same
 * session); "public" for none. A session signed in a way the organization's tenant does not let
 * in answers TENANT_SIGN_IN_REQUIRED (403): sign in under the tenant to enter it.
 */
const handleSwitch = withUser(async (ctx, request, _params, session) => {
  const body = await parseBody(request, switchBody);
  if (!body.ok) return body.response;
  const result = await switchOrganization(ctx, session, body.value.organizationId);
  // A policy refusal of a valid request, as TENANT_SIGN_IN_REQUIRED is (an invitation's, by contrast, is a bad address: 400).
  if (result.status === "EMAIL_DOMAIN_NOT_ALLOWED") return json(result, 403);
  if (result.status !== "OK") return answerLive(ctx, request, result);
  const response = json({ status: "OK", active: activeOrganizationOf(result.tokens.accessTokenClaims) });
  attachTokens(response.headers, ctx.config, result.tokens, request, ctx.now());
  return response;
});

export const ORGANIZATION_ROUTES = {
  "/organizations": { GET: handleListMine, POST: handleCreate },
  "/organizations/active": { PUT: handleSwitch },
  "/organizations/invitations/accept": { POST: handleAccept },
  "/organizations/:organizationId/members": { GET: handleMembers },
  "/organizations/:organizationId/members/:userId": { PUT: handleChangeRole, DELETE: handleRemove },
  "/organizations/:organizationId/invitations": { GET: handleListInvitations, POST: handleInvite },
  "/organizations/:organizationId/invitations/:invitationId": { DELETE: handleRevokeInvitation },
  "/organizations/:organizationId/leave": { POST: handleLeave },
  "/organizations/:organizationId/transfer": { POST: handleTransfer },
  "/organizations/:organizationId/delete": { POST: handleDelete },
};
