/**
 * A member removed from an organization, or leaving it, keeps no session inside it
 * (member-removal.ts; docs/organizations.md, "Sessions inside an organization"): their sessions
 * inside are revoked through the store, the others live on.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { EngineContext } from "../context";
import type { EngineLog } from "../log";
import type { Stores } from "../ports";
import { refreshSession } from "../session/refresh-session";
import { createNewSession, getSession, type IssuedTokens } from "../session/session";
import { mergeIntoAccessTokenPayload } from "../session/session-info";
import { interleaveAt } from "../testing/interleave";
import { createMemoryStores } from "../testing/memory-stores";
import { createTestEngine } from "../testing/test-engine";
import { switchOrganization } from "./active-organization";
import { createOrganization, leaveOrganization, removeMember } from "./organizations";

function setUp(stores?: Stores) {
  const lines: Record<string, unknown>[] = [];
  const push = (fields: object) => void lines.push(fields as Record<string, unknown>);
  const log: EngineLog = { debug: push, info: push, warn: push, error: push, child: () => log };
  const { ctx } = createTestEngine({}, { log, stores });
  const user = async () => {
    const id = randomUUID();
    const created = await ctx.stores.users.createEmailPasswordUser({ id, email: `${id}@acme.test`, passwordHash: "h", timeJoined: ctx.now() });
    if (created.status !== "OK") throw new Error("user");
    return id;
  };
  const signIn = (userId: string, tenantId = "public") =>
    createNewSession(ctx, { userId, tenantId, signIn: { factor: "emailpassword", tenant: tenantId } });
  /** A public session switched into `organizationId`: the switch's access token, and the sign-in's refresh token (a switch keeps it). */
  const switchedInto = async (userId: string, organizationId: string) => {
    const tokens = await signIn(userId);
    const verified = { userId, sessionHandle: tokens.sessionHandle, accessTokenPayload: tokens.accessTokenClaims };
    const switched = await switchOrganization(ctx, verified, organizationId);
    if (switched.status !== "OK") throw new Error(switched.status);
    return { ...switched.tokens, refreshToken: tokens.refreshToken };
  };
  /**
   * acme and globex, both owned by `owner`, with `member` an admin of both; the member's sessions
   * inside acme (signed in under it, switched into it), in public and in globex, and the owner's in acme.
   */
  const organizationsWithSessions = async () => {
    const owner = await user();
    const member = await user();
    for (const slug of ["acme", "globex"]) {
      expect(await createOrganization(ctx, { userId: owner, slug, name: slug })).toMatchObject({ status: "OK" });
      await ctx.stores.organizations.addMember({ organizationId: slug, userId: member, role: "admin", joinedAt: ctx.now() });
    }
    const sessions = {
      signedInUnderAcme: await signIn(member, "acme"),
      switchedIntoAcme: await switchedInto(member, "acme"),
      public: await signIn(member),
      inGlobex: await switchedInto(member, "globex"),
      ownersInAcme: await signIn(owner, "acme"),
    };
    return { owner, member, sessions };
  };
  return { ctx, lines, user, signIn, organizationsWithSessions };
}

/** The session is gone: its access token refused once the revocation set knows (at once here), its refresh token dead. */
async function expectEnded(ctx: EngineContext, tokens: IssuedTokens) {
  expect(await ctx.stores.sessions.getSession(tokens.sessionHandle)).toBeNull();
  expect(await ctx.revocations.isRevoked(tokens.sessionHandle, ctx.now())).toBe(true);
  expect(await getSession(ctx, { accessToken: tokens.accessToken })).toEqual({ status: "UNAUTHORISED" });
  expect(await refreshSession(ctx, { refreshToken: tokens.refreshToken })).toEqual({ status: "UNAUTHORISED" });
}

async function expectLiving(ctx: EngineContext, tokens: IssuedTokens) {
  expect(await getSession(ctx, { accessToken: tokens.accessToken })).toMatchObject({ status: "OK" });
  expect(await refreshSession(ctx, { refreshToken: tokens.refreshToken })).toMatchObject({ status: "OK" });
}

const revocationsLogged = (lines: Record<string, unknown>[]) => lines.filter((line) => line.event === "session.revoked");

describe("removing a member", () => {
  it("revokes their sessions inside the organization, through the store, and none of their others nor anyone else's", async () => {
    const { ctx, lines, organizationsWithSessions } = setUp();
    const { owner, member, sessions } = await organizationsWithSessions();
    // Before the removal the access tokens inside acme are taken.
    expect(await getSession(ctx, { accessToken: sessions.switchedIntoAcme.accessToken })).toMatchObject({ status: "OK" });

    const removed = await removeMember(ctx, { organizationId: "acme", userId: owner, memberId: member });
    const inside = [sessions.signedInUnderAcme.sessionHandle, sessions.switchedIntoAcme.sessionHandle];
    expect(removed.status === "OK" && [...removed.revokedSessionHandles].sort()).toEqual(inside.sort());

    await expectEnded(ctx, sessions.signedInUnderAcme);
    await expectEnded(ctx, sessions.switchedIntoAcme);
    await expectLiving(ctx, sessions.public);
    await expectLiving(ctx, sessions.inGlobex);
    await expectLiving(ctx, sessions.ownersInAcme);
    expect(revocationsLogged(lines)).toEqual([
      expect.objectContaining({ userId: member, count: 2, organizationId: "acme", reason: "MEMBER_REMOVED" }),
    ]);
  });

  it("revokes nothing when the removal is refused", async () => {
    const { ctx, lines, user, organizationsWithSessions } = setUp();
    const { owner, member, sessions } = await organizationsWithSessions();
    const stranger = await user();
    expect(await removeMember(ctx, { organizationId: "acme", userId: member, memberId: owner })).toEqual({ status: "MEMBER_IS_OWNER" });
    expect(await removeMember(ctx, { organizationId: "acme", userId: stranger, memberId: member })).toEqual({ status: "UNKNOWN_ORGANIZATION" });
    expect(await removeMember(ctx, { organizationId: "acme", userId: owner, memberId: stranger })).toEqual({ status: "NOT_A_MEMBER" });
    for (const tokens of Object.values(sessions)) await expectLiving(ctx, tokens);
    expect(revocationsLogged(lines)).toEqual([]);
  });
});

describe("leaving an organization", () => {
  it("revokes the leaver's sessions inside it, and says which, so that the caller can tell its own", async () => {
    const { ctx, lines, organizationsWithSessions } = setUp();
    const { member, sessions } = await organizationsWithSessions();

    const left = await leaveOrganization(ctx, { organizationId: "acme", userId: member });
    expect(left.status === "OK" && left.revokedSessionHandles.toSorted()).toEqual(
      [sessions.signedInUnderAcme.sessionHandle, sessions.switchedIntoAcme.sessionHandle].toSorted(),
    );

    await expectEnded(ctx, sessions.signedInUnderAcme);
    await expectEnded(ctx, sessions.switchedIntoAcme);
    await expectLiving(ctx, sessions.public);
    await expectLiving(ctx, sessions.inGlobex);
    await expectLiving(ctx, sessions.ownersInAcme);
    expect(revocationsLogged(lines)).toEqual([expect.objectContaining({ userId: member, count: 2, organizationId: "acme", reason: "MEMBER_LEFT" })]);
  });

  it("revokes, for each organization left, the sessions inside that one only", async () => {
    const { ctx, lines, organizationsWithSessions } = setUp();
    const { member, sessions } = await organizationsWithSessions();
    expect(await leaveOrganization(ctx, { organizationId: "acme", userId: member })).toMatchObject({ status: "OK" });
    expect(await leaveOrganization(ctx, { organizationId: "globex", userId: member })).toMatchObject({ status: "OK" });
    // Those inside globex went with the second; the public one was inside neither.
    await expectEnded(ctx, sessions.inGlobex);
    await expectLiving(ctx, sessions.public);
    expect(revocationsLogged(lines).map((line) => [line.organizationId, line.count])).toEqual([
      ["acme", 2],
      ["globex", 1],
    ]);
  });
});

describe("a switch into the organization racing the member's removal", () => {
  /** A public session of `member` that switches into acme after the removal read the member's sessions, before the membership went. */
  async function racedSwitch() {
    // Staged on the store the engine is built on (the engine wraps its stores when it is built).
    const stores = createMemoryStores();
    const removal = interleaveAt(stores.organizations, "removeMember");
    const { ctx, lines, user, signIn } = setUp(stores);
    const owner = await user();
    const member = await user();
    await createOrganization(ctx, { userId: owner, slug: "acme", name: "Acme" });
    await ctx.stores.organizations.addMember({ organizationId: "acme", userId: member, role: "member", joinedAt: ctx.now() });
    const session = await signIn(member);
    const verified = { userId: member, sessionHandle: session.sessionHandle, accessTokenPayload: session.accessTokenClaims };
    let switched: Awaited<ReturnType<typeof switchOrganization>> | undefined;
    removal.before(async () => void (switched = await switchOrganization(ctx, verified, "acme")));

    expect(await removeMember(ctx, { organizationId: "acme", userId: owner, memberId: member })).toEqual({ status: "OK", revokedSessionHandles: [] });
    expect(removal.pending).toBe(false);
    // The switch found the membership, and its session is inside without one: the removal did not see it.
    expect(switched).toMatchObject({ status: "OK" });
    expect((await ctx.stores.sessions.getSession(session.sessionHandle))?.jwtPayload).toMatchObject({ tId: "acme" });
    return { ctx, lines, member, verified, session };
  }

  it("leaves a session the refresh refuses: revoked, as not a member's", async () => {
    const { ctx, lines, member, session } = await racedSwitch();
    expect(await refreshSession(ctx, { refreshToken: session.refreshToken })).toEqual({ status: "UNAUTHORISED" });
    await expectEnded(ctx, session);
    expect(revocationsLogged(lines)).toEqual([
      expect.objectContaining({ userId: member, sessionHandle: session.sessionHandle, reason: "NOT_A_MEMBER" }),
    ]);
  });

  it("leaves a session a payload change refuses too, since it re-mints the token without a refresh", async () => {
    const { ctx, verified, session } = await racedSwitch();
    expect(await mergeIntoAccessTokenPayload(ctx, verified, { plan: "pro" })).toEqual({ status: "UNKNOWN_SESSION_ERROR" });
    await expectEnded(ctx, session);
  });
});
