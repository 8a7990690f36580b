/**
 * A session inside an organization stays inside only while the user's email is of a domain the
 * tenant's `allowedEmailDomains` admit (tenant-session.ts; docs/organizations.md, "Sessions
 * inside an organization"): an operator narrowing the domains, or the user's address changing
 * to another domain, reaches the sessions inside at their next refresh, as a switch would have
 * refused them.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { EngineContext } from "../context";
import { updateEmail } from "../emailpassword/update-email";
import type { EngineLog } from "../log";
import { refreshSession } from "../session/refresh-session";
import { createNewSession, type IssuedTokens } from "../session/session";
import { mergeIntoAccessTokenPayload } from "../session/session-info";
import { createTestEngine } from "../testing/test-engine";
import { switchOrganization } from "./active-organization";
import { activeOrganizationOf } from "./organization-claim";
import { createOrganization } from "./organizations";
import { setTenantLoginMethods } from "./tenant-admin";

function setUp() {
  const lines: Record<string, unknown>[] = [];
  const push = (fields: object) => void lines.push(fields as Record<string, unknown>);
  const log: EngineLog = { debug: push, info: push, warn: push, error: push, child: () => log };
  const engine = createTestEngine({}, { log });
  const { ctx } = engine;
  /** A password user with an address at `domain`. */
  const user = async (domain = "acme.test") => {
    const id = randomUUID();
    const created = await ctx.stores.users.createEmailPasswordUser({ id, email: `${id}@${domain}`, passwordHash: "h", timeJoined: ctx.now() });
    if (created.status !== "OK") throw new Error("user");
    return id;
  };
  /** A passwordless user with a phone number and no email. */
  const phoneUser = async () => {
    const id = randomUUID();
    const phoneNumber = `+4917${String(Math.floor(Math.random() * 1e8)).padStart(8, "0")}`;
    const row = { id, email: null, emailVerified: false, timeJoined: ctx.now() };
    expect(await ctx.stores.passwordless.createPasswordlessUser({ user: row, account: { userId: id, email: null, phoneNumber } })).toMatchObject({
      status: "OK",
    });
    return id;
  };
  const signIn = (userId: string, tenantId = "public", factor: "emailpassword" | "otp-phone" = "emailpassword") =>
    createNewSession(ctx, { userId, tenantId, signIn: { factor, tenant: tenantId, v: 2 } });
  const addMember = (organizationId: string, userId: string) =>
    ctx.stores.organizations.addMember({ organizationId, userId, role: "member", joinedAt: ctx.now() });
  const setDomains = async (allowedEmailDomains: string[]) =>
    expect(await setTenantLoginMethods(ctx, { organizationId: "acme", loginMethods: { allowedEmailDomains } })).toEqual({ status: "OK" });
  const revocationsLogged = () => lines.filter((line) => line.event === "session.revoked");
  return { ...engine, user, phoneUser, signIn, addMember, setDomains, revocationsLogged };
}

/** Refreshes, and answers the tokens to use next. */
async function expectRefreshes(ctx: EngineContext, tokens: IssuedTokens): Promise<IssuedTokens> {
  const refreshed = await refreshSession(ctx, { refreshToken: tokens.refreshToken });
  if (refreshed.status !== "OK") throw new Error(`refresh answered ${refreshed.status}`);
  return refreshed.tokens;
}

/** The refresh is refused, and the session revoked by it (recorded for every instance). */
async function expectRefusedAtRefresh(ctx: EngineContext, tokens: IssuedTokens) {
  expect(await ctx.stores.sessions.getSession(tokens.sessionHandle)).not.toBeNull();
  expect(await refreshSession(ctx, { refreshToken: tokens.refreshToken })).toEqual({ status: "UNAUTHORISED" });
  expect(await ctx.stores.sessions.getSession(tokens.sessionHandle)).toBeNull();
  expect(await ctx.revocations.isRevoked(tokens.sessionHandle, ctx.now())).toBe(true);
}

describe("narrowing a tenant's email domains", () => {
  it("refuses at refresh the sessions inside it whose user's email it no longer admits, and keeps the others", async () => {
    const { ctx, user, signIn, addMember, setDomains, revocationsLogged } = setUp();
    const owner = await user("acme.test");
    const partner = await user("partner.test");
    await createOrganization(ctx, { userId: owner, slug: "acme", name: "Acme" });
    await addMember("acme", partner);
    const sessions = { owner: await signIn(owner, "acme"), partner: await signIn(partner, "acme"), ownerPublic: await signIn(owner) };
    for (const tokens of Object.values(sessions)) await expectRefreshes(ctx, tokens);

    // The operator admits acme.test only.
    await setDomains(["acme.test"]);

    await expectRefusedAtRefresh(ctx, sessions.partner);
    expect(revocationsLogged()).toEqual([
      expect.objectContaining({ userId: partner, sessionHandle: sessions.partner.sessionHandle, reason: "EMAIL_DOMAIN_NOT_ALLOWED" }),
    ]);
    const refreshed = await expectRefreshes(ctx, sessions.owner);
    expect(activeOrganizationOf(refreshed.accessTokenClaims)).toEqual({ id: "acme", role: "owner" });
    // The public tenant's sessions are not the organization's concern.
    await expectRefreshes(ctx, sessions.ownerPublic);
  });

  it("keeps refreshing the sessions of users whose domain it admits, among several", async () => {
    const { ctx, user, signIn, addMember, setDomains, revocationsLogged } = setUp();
    const owner = await user("acme.test");
    const partner = await user("partner.test");
    await createOrganization(ctx, { userId: owner, slug: "acme", name: "Acme" });
    await addMember("acme", partner);
    await setDomains(["partner.test", "acme.test"]);
    let inside = { owner: await signIn(owner, "acme"), partner: await signIn(partner, "acme") };
    for (let round = 0; round < 2; round++) {
      inside = { owner: await expectRefreshes(ctx, inside.owner), partner: await expectRefreshes(ctx, inside.partner) };
    }
    expect(revocationsLogged()).toEqual([]);
  });

  it("ends them too when the deployer changes their payload, which re-mints the token without a refresh", async () => {
    const { ctx, user, signIn, setDomains } = setUp();
    const owner = await user("acme.test");
    await createOrganization(ctx, { userId: owner, slug: "acme", name: "Acme" });
    const inside = await signIn(owner, "acme");
    const verified = { userId: owner, sessionHandle: inside.sessionHandle, accessTokenPayload: inside.accessTokenClaims };
    expect(await mergeIntoAccessTokenPayload(ctx, verified, { plan: "pro" })).toMatchObject({ status: "OK" });

    await setDomains(["elsewhere.test"]);
    expect(await mergeIntoAccessTokenPayload(ctx, verified, { plan: "team" })).toEqual({ status: "UNKNOWN_SESSION_ERROR" });
    expect(await ctx.stores.sessions.getSession(inside.sessionHandle)).toBeNull();
    expect(await ctx.revocations.isRevoked(inside.sessionHandle, ctx.now())).toBe(true);
  });
});

describe("a user's email changing while their session is inside a tenant with email domains", () => {
  it("to another domain: refused at the next refresh; within the domain: kept", async () => {
    const { ctx, user, signIn, setDomains, revocationsLogged } = setUp();
    const owner = await user("acme.test");
    await createOrganization(ctx, { userId: owner, slug: "acme", name: "Acme" });
    await setDomains(["acme.test"]);
    const inside = await signIn(owner, "acme");
    const outside = await signIn(owner);

    expect(await updateEmail(ctx, owner, `renamed-${owner}@acme.test`)).toEqual({ status: "OK" });
    const kept = await expectRefreshes(ctx, inside);

    expect(await updateEmail(ctx, owner, `${owner}@gmail.test`)).toEqual({ status: "OK" });
    await expectRefusedAtRefresh(ctx, kept);
    expect(revocationsLogged()).toEqual([expect.objectContaining({ userId: owner, reason: "EMAIL_DOMAIN_NOT_ALLOWED" })]);
    // Their session outside the organization lives on.
    await expectRefreshes(ctx, outside);
  });

  it("is no concern of a tenant without email domains", async () => {
    const { ctx, user, signIn } = setUp();
    const owner = await user("acme.test");
    await createOrganization(ctx, { userId: owner, slug: "acme", name: "Acme" });
    const inside = await signIn(owner, "acme");
    expect(await updateEmail(ctx, owner, `${owner}@gmail.test`)).toEqual({ status: "OK" });
    await expectRefreshes(ctx, inside);
  });
});

describe("a user without an email inside a tenant", () => {
  it("refreshes where the tenant has no email domains, and is refused, as a switch refuses them, once it has", async () => {
    const { ctx, user, phoneUser, signIn, addMember, setDomains, revocationsLogged } = setUp();
    const owner = await user("acme.test");
    const phone = await phoneUser();
    await createOrganization(ctx, { userId: owner, slug: "acme", name: "Acme" });
    await addMember("acme", phone);
    const inside = await expectRefreshes(ctx, await signIn(phone, "acme", "otp-phone"));
    const publicSession = await signIn(phone, "public", "otp-phone");

    await setDomains(["acme.test"]);
    // The switch's rule: no address is of no allowed domain.
    const verified = { userId: phone, sessionHandle: publicSession.sessionHandle, accessTokenPayload: publicSession.accessTokenClaims };
    expect(await switchOrganization(ctx, verified, "acme")).toEqual({ status: "EMAIL_DOMAIN_NOT_ALLOWED" });
    await expectRefusedAtRefresh(ctx, inside);
    expect(revocationsLogged()).toEqual([expect.objectContaining({ userId: phone, reason: "EMAIL_DOMAIN_NOT_ALLOWED" })]);
    await expectRefreshes(ctx, publicSession);
  });
});

describe("the cost of the domain check", () => {
  it("reads nothing beyond the organization with the membership, where the tenant has email domains too", async () => {
    const { ctx, user, signIn, setDomains } = setUp();
    const owner = await user("acme.test");
    await createOrganization(ctx, { userId: owner, slug: "acme", name: "Acme" });
    await setDomains(["acme.test"]);
    const inside = await signIn(owner, "acme");
    const reads: string[] = [];
    const spy = (store: object, names: string[]) => {
      for (const name of names) {
        const target = store as Record<string, (...args: unknown[]) => Promise<unknown>>;
        const original = target[name]!.bind(store);
        target[name] = (...args: unknown[]) => {
          reads.push(name);
          return original(...args);
        };
      }
    };
    spy(ctx.stores.organizations, ["getOrganization", "getMembership", "getOrganizationWithMembership"]);
    spy(ctx.stores.users, ["getUserById"]);
    await expectRefreshes(ctx, inside);
    expect(reads).toEqual(["getOrganizationWithMembership"]);
  });
});
