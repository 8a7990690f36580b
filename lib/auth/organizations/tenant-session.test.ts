/**
 * What happens to the sessions inside an organization when it is deleted, when its slug is
 * created again, and when its login methods are tightened (docs/organizations.md, "Sessions
 * inside an organization").
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createTestEngine } from "../testing/test-engine";
import { createNewSession, type IssuedTokens } from "../session/session";
import { refreshSession } from "../session/refresh-session";
import { getSessionInformation, mergeIntoAccessTokenPayload } from "../session/session-info";
import type { EngineContext } from "../context";
import { switchOrganization } from "./active-organization";
import { activeOrganizationOf } from "./organization-claim";
import { createOrganization, deleteOrganization } from "./organizations";
import type { SignInRecord } from "./sign-in-record";
import { adminDeleteOrganization, setTenantLoginMethods } from "./tenant-admin";
import { TENANT_ENTRY_KEY } from "./tenant-entry";

function setUp() {
  const engine = createTestEngine({
    thirdParty: {
      customProviders: [{ id: "corp", type: "oidc", name: "Corp", issuer: "https://id.example.com", clientId: "app", clientSecret: "app-secret" }],
    },
  });
  const { ctx } = engine;
  const user = async () => {
    const id = randomUUID();
    const created = await ctx.stores.users.createEmailPasswordUser({ id, email: `${id}@acme.test`, passwordHash: "h", timeJoined: ctx.now() });
    if (created.status !== "OK") throw new Error("user");
    return id;
  };
  const password = (tenant: string): SignInRecord => ({ factor: "emailpassword", tenant });
  /** A session signed in under `tenantId` ("public": none) by `signIn`. */
  const signIn = (userId: string, tenantId = "public", record: SignInRecord | undefined = password(tenantId)) =>
    createNewSession(ctx, { userId, tenantId, signIn: record });
  return { ...engine, user, signIn, password };
}

/** Refreshes the session whose last tokens are `tokens`; the result, and the tokens to use next. */
async function refresh(ctx: EngineContext, tokens: IssuedTokens) {
  return refreshSession(ctx, { refreshToken: tokens.refreshToken });
}

/** The refresh is refused, and the session revoked by it, as any revocation is (recorded for every instance). */
async function expectRefusedAtRefresh(ctx: EngineContext, tokens: IssuedTokens) {
  expect(await ctx.stores.sessions.getSession(tokens.sessionHandle)).not.toBeNull();
  expect(await refresh(ctx, tokens)).toEqual({ status: "UNAUTHORISED" });
  expect(await ctx.stores.sessions.getSession(tokens.sessionHandle)).toBeNull();
  expect(await ctx.revocations.isRevoked(tokens.sessionHandle, ctx.now())).toBe(true);
}

async function expectRevoked(ctx: EngineContext, tokens: IssuedTokens) {
  expect(await ctx.stores.sessions.getSession(tokens.sessionHandle)).toBeNull();
  expect(await ctx.revocations.isRevoked(tokens.sessionHandle, ctx.now())).toBe(true);
  expect(await refresh(ctx, tokens)).toEqual({ status: "UNAUTHORISED" });
}

describe("deleting an organization", () => {
  it("revokes the sessions inside it, through the store (recorded for every instance), and no other", async () => {
    const { ctx, user, signIn } = setUp();
    const owner = await user();
    const member = await user();
    expect(await createOrganization(ctx, { userId: owner, slug: "acme", name: "Acme" })).toMatchObject({ status: "OK" });
    expect(await createOrganization(ctx, { userId: owner, slug: "other", name: "Other" })).toMatchObject({ status: "OK" });
    await ctx.stores.organizations.addMember({ organizationId: "acme", userId: member, role: "member", joinedAt: ctx.now() });
    const ownerInside = await signIn(owner, "acme");
    const ownerElsewhere = await signIn(owner, "other");
    const memberPublic = await signIn(member);
    const memberSwitched = await signIn(member);
    expect(
      await switchOrganization(
        ctx,
        { userId: member, sessionHandle: memberSwitched.sessionHandle, accessTokenPayload: memberSwitched.accessTokenClaims },
        "acme",
      ),
    ).toMatchObject({ status: "OK" });

    const deleted = await deleteOrganization(ctx, { organizationId: "acme", userId: owner, confirm: "acme" });
    expect(deleted).toEqual({ status: "OK", revokedSessionHandles: expect.any(Array) });
    // What the HTTP layer clears the caller's tokens by: the handles revoked, the owner's inside among them.
    if (deleted.status === "OK") {
      expect(deleted.revokedSessionHandles.toSorted()).toEqual([ownerInside.sessionHandle, memberSwitched.sessionHandle].toSorted());
    }

    await expectRevoked(ctx, ownerInside);
    await expectRevoked(ctx, memberSwitched);
    expect(await refresh(ctx, ownerElsewhere)).toMatchObject({ status: "OK" });
    expect(await refresh(ctx, memberPublic)).toMatchObject({ status: "OK" });
  });

  it("revokes them when an operator deletes it too", async () => {
    const { ctx, user, signIn } = setUp();
    const owner = await user();
    await createOrganization(ctx, { userId: owner, slug: "acme", name: "Acme" });
    const inside = await signIn(owner, "acme");
    expect(await adminDeleteOrganization(ctx, { organizationId: "acme" })).toEqual({ status: "OK" });
    await expectRevoked(ctx, inside);
  });

  it("leaves no session inside the slug once it is created again: what the deletion could not see is refused at refresh", async () => {
    const { ctx, clock, user, signIn } = setUp();
    const owner = await user();
    const removed = await user();
    await createOrganization(ctx, { userId: owner, slug: "acme", name: "Acme" });
    await ctx.stores.organizations.addMember({ organizationId: "acme", userId: removed, role: "admin", joinedAt: ctx.now() });
    // Removed members are not found among the members' sessions when the organization goes. Their
    // removal revokes those inside (member-removal.ts); these stand for what it could not see (a
    // session entering while it ran), so the membership goes without the engine.
    const removedInside = await signIn(removed, "acme");
    const removedLater = await signIn(removed, "acme");
    expect(await ctx.stores.organizations.removeMember("acme", removed)).toEqual({ status: "OK" });
    expect(await deleteOrganization(ctx, { organizationId: "acme", userId: owner, confirm: "acme" })).toEqual({
      status: "OK",
      revokedSessionHandles: [],
    });
    expect(await ctx.stores.sessions.getSession(removedInside.sessionHandle)).not.toBeNull();

    // While the slug is free: no such organization.
    await expectRefusedAtRefresh(ctx, removedInside);

    // Someone else creates it again: the old session's tId would name the new tenant.
    clock.advanceSeconds(60);
    const stranger = await user();
    expect(await createOrganization(ctx, { userId: stranger, slug: "acme", name: "New Acme" })).toMatchObject({ status: "OK" });
    await expectRefusedAtRefresh(ctx, removedLater);
  });

  it("refuses a session switched into the slug's earlier organization, by its entry record, when the slug is created again", async () => {
    const { ctx, clock, user, signIn } = setUp();
    const owner = await user();
    const session = await signIn(owner);
    clock.advanceSeconds(60);
    await createOrganization(ctx, { userId: owner, slug: "acme", name: "Acme" });
    const switched = await switchOrganization(
      ctx,
      { userId: owner, sessionHandle: session.sessionHandle, accessTokenPayload: session.accessTokenClaims },
      "acme",
    );
    expect(switched).toMatchObject({ status: "OK" });
    // The session began before the organization: its switch is what lets it in, and it refreshes.
    expect((await ctx.stores.sessions.getSession(session.sessionHandle))!.jwtPayload).toMatchObject({
      tId: "acme",
      [TENANT_ENTRY_KEY]: ctx.now().getTime(),
    });
    const refreshed = await refresh(ctx, session);
    expect(refreshed.status === "OK" && activeOrganizationOf(refreshed.tokens.accessTokenClaims)).toEqual({ id: "acme", role: "owner" });
    expect(refreshed.status === "OK" && refreshed.tokens.accessTokenClaims).not.toHaveProperty(TENANT_ENTRY_KEY);

    // The row goes without the engine (as a race with the deletion would leave it), and the slug comes back.
    await ctx.stores.organizations.deleteOrganization("acme");
    clock.advanceSeconds(60);
    await createOrganization(ctx, { userId: owner, slug: "acme", name: "Acme again" });
    await expectRefusedAtRefresh(ctx, refreshed.status === "OK" ? refreshed.tokens : session);
  });

  it("keeps a session signed in under the organization refreshing, and leaving it to public drops the entry record", async () => {
    const { ctx, clock, user, signIn } = setUp();
    const owner = await user();
    await createOrganization(ctx, { userId: owner, slug: "acme", name: "Acme" });
    clock.advanceSeconds(1);
    const inside = await signIn(owner, "acme");
    const refreshed = await refresh(ctx, inside);
    expect(refreshed.status === "OK" && activeOrganizationOf(refreshed.tokens.accessTokenClaims)).toEqual({ id: "acme", role: "owner" });
    expect(
      await switchOrganization(ctx, { userId: owner, sessionHandle: inside.sessionHandle, accessTokenPayload: inside.accessTokenClaims }, "public"),
    ).toMatchObject({ status: "OK" });
    const payload = (await ctx.stores.sessions.getSession(inside.sessionHandle))!.jwtPayload;
    expect(payload).not.toHaveProperty("tId");
    expect(payload).not.toHaveProperty(TENANT_ENTRY_KEY);
  });
});

describe("the entry record", () => {
  it("is the engine's: no deployer payload sets it, and no session listing shows it", async () => {
    const { ctx, user, signIn } = setUp();
    const owner = await user();
    await createOrganization(ctx, { userId: owner, slug: "acme", name: "Acme" });
    await expect(createNewSession(ctx, { userId: owner, jwtPayload: { [TENANT_ENTRY_KEY]: 1 } })).rejects.toMatchObject({
      code: "PROTECTED_CLAIM_IN_PAYLOAD",
    });
    const session = await signIn(owner);
    await switchOrganization(ctx, { userId: owner, sessionHandle: session.sessionHandle, accessTokenPayload: session.accessTokenClaims }, "acme");
    await expect(mergeIntoAccessTokenPayload(ctx, session.sessionHandle, { [TENANT_ENTRY_KEY]: 0 })).rejects.toMatchObject({
      code: "PROTECTED_CLAIM_IN_PAYLOAD",
    });
    expect((await getSessionInformation(ctx, session.sessionHandle))!.accessTokenPayload).toEqual({ tId: "acme" });
  });
});

describe("tightening a tenant's login methods", () => {
  it("refuses at refresh the sessions inside it whose sign-in it no longer allows, and keeps the others", async () => {
    const { ctx, clock, user, signIn } = setUp();
    const owner = await user();
    const member = await user();
    await createOrganization(ctx, { userId: owner, slug: "acme", name: "Acme" });
    await ctx.stores.organizations.addMember({ organizationId: "acme", userId: member, role: "member", joinedAt: ctx.now() });
    const sessions = {
      byPassword: await signIn(owner, "acme"),
      bySso: await signIn(member, "acme", { factor: "thirdparty", provider: "corp", tenant: "acme" }),
      withoutRecord: await createNewSession(ctx, { userId: member, tenantId: "acme" }),
      publicByPassword: await signIn(owner),
    };
    // Nothing narrowed yet: every one refreshes.
    for (const [name, tokens] of Object.entries(sessions)) {
      const refreshed = await refresh(ctx, tokens);
      expect([name, refreshed.status]).toEqual([name, "OK"]);
      if (refreshed.status === "OK") sessions[name as keyof typeof sessions] = refreshed.tokens;
    }
    clock.advanceSeconds(60);

    // The operator makes it single sign-on only.
    expect(await setTenantLoginMethods(ctx, { organizationId: "acme", loginMethods: { firstFactors: ["thirdparty"] } })).toEqual({ status: "OK" });

    await expectRefusedAtRefresh(ctx, sessions.byPassword);
    await expectRefusedAtRefresh(ctx, sessions.withoutRecord);
    expect(await refresh(ctx, sessions.bySso)).toMatchObject({ status: "OK" });
    // The public tenant's sessions are not the organization's concern.
    expect(await refresh(ctx, sessions.publicByPassword)).toMatchObject({ status: "OK" });
  });

  it("ends them too when the deployer changes their payload, which re-mints the token without a refresh", async () => {
    const { ctx, user, signIn } = setUp();
    const owner = await user();
    await createOrganization(ctx, { userId: owner, slug: "acme", name: "Acme" });
    const inside = await signIn(owner, "acme");
    const verified = { userId: owner, sessionHandle: inside.sessionHandle, accessTokenPayload: inside.accessTokenClaims };
    expect(await mergeIntoAccessTokenPayload(ctx, verified, { plan: "pro" })).toMatchObject({ status: "OK" });

    expect(await setTenantLoginMethods(ctx, { organizationId: "acme", loginMethods: { firstFactors: ["thirdparty"] } })).toEqual({ status: "OK" });
    expect(await mergeIntoAccessTokenPayload(ctx, verified, { plan: "team" })).toEqual({ status: "UNKNOWN_SESSION_ERROR" });
    await expectRevoked(ctx, inside);
  });

  it("costs a tenant session's refresh one read of the organization with the membership, and a public one's none", async () => {
    const { ctx, user, signIn } = setUp();
    const owner = await user();
    await createOrganization(ctx, { userId: owner, slug: "acme", name: "Acme" });
    const reads: string[] = [];
    const organizations = ctx.stores.organizations;
    for (const name of ["getOrganization", "getMembership", "getOrganizationWithMembership"] as const) {
      const original = organizations[name].bind(organizations) as (...args: unknown[]) => Promise<unknown>;
      (organizations as unknown as Record<string, unknown>)[name] = (...args: unknown[]) => {
        reads.push(name);
        return original(...args);
      };
    }
    const inside = await signIn(owner, "acme");
    const outside = await signIn(owner);
    reads.length = 0;
    expect(await refresh(ctx, inside)).toMatchObject({ status: "OK" });
    expect(reads).toEqual(["getOrganizationWithMembership"]);
    reads.length = 0;
    expect(await refresh(ctx, outside)).toMatchObject({ status: "OK" });
    expect(reads).toEqual([]);
  });
});
