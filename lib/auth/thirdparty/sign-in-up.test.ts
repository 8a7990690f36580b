/**
 * The account side of third-party sign-in, on memory stores with a pinned clock: identities
 * keyed by (provider, id), the linking policy and the pre-registration attack, races, hooks.
 * (The same rules over HTTP against a real OpenID Provider: lib/http/testing/third-party-flows.ts.)
 */
import { describe, expect, it, vi } from "vitest";
import type { GatehouseConfig } from "../config";
import { signUp } from "../emailpassword/sign-up";
import { createTestEngine } from "../testing/test-engine";
import type { ThirdPartyProfile } from "./options";
import { NOT_ALLOWED_REASONS, signInUpWithProfile } from "./sign-in-up";

const request = { userAgent: "test", ip: null };
const profile = (overrides: Partial<ThirdPartyProfile> = {}): ThirdPartyProfile => ({
  id: "sub-1",
  email: "Zoe@Example.com ",
  emailVerified: true,
  name: "Zoë",
  ...overrides,
});

function engine(config: GatehouseConfig = {}) {
  const setJwtPayload = vi.fn(() => ({ plan: "free" }));
  const setSessionData = vi.fn(() => ({}));
  return { ...createTestEngine({ setJwtPayload, setSessionData, ...config }), setJwtPayload, setSessionData };
}
const signInUp = (ctx: ReturnType<typeof engine>["ctx"], thirdPartyId: string, p: ThirdPartyProfile) =>
  signInUpWithProfile(ctx, { thirdPartyId, profile: p, raw: { fromIdTokenPayload: { sub: p.id } }, request });

describe("third-party sign-in and sign-up", () => {
  it("signs up once, then signs the same identity in to the same user; hooks see the provider and raw profile", async () => {
    const { ctx, setJwtPayload, setSessionData } = engine();
    const first = await signInUp(ctx, "google", profile());
    if (first.status !== "OK") throw new Error(first.status);
    expect(first.createdNewRecipeUser).toBe(true);
    expect(first.user).toMatchObject({
      emails: ["zoe@example.com"],
      thirdParty: [{ id: "google", userId: "sub-1" }],
      loginMethods: [{ recipeId: "thirdparty", verified: true, email: "zoe@example.com", thirdParty: { id: "google", userId: "sub-1" } }],
    });
    const context = { method: "thirdparty", thirdPartyId: "google", rawProfile: { fromIdTokenPayload: { sub: "sub-1" } } };
    expect(setJwtPayload).toHaveBeenCalledWith(first.user, context, "signup");
    expect(setSessionData).toHaveBeenCalledWith(first.user, context, "signup");
    expect(first.tokens.accessTokenClaims.plan).toBe("free");

    const again = await signInUp(ctx, "google", profile({ email: "zoe@example.com" }));
    if (again.status !== "OK") throw new Error(again.status);
    expect(again.user.id).toBe(first.user.id);
    expect(again.createdNewRecipeUser).toBe(false);
    expect(setJwtPayload).toHaveBeenLastCalledWith(again.user, context, "signin");
    expect(setJwtPayload).toHaveBeenCalledTimes(2);
  });

  it("keys identities by (provider, id): the same email at the same provider under another id is another identity", async () => {
    const { ctx } = engine();
    const first = await signInUp(ctx, "google", profile());
    const other = await signInUp(ctx, "google", profile({ id: "sub-2", emailVerified: false }));
    // Same address, unverified by the provider: not linked, and not a second user either.
    expect(first.status).toBe("OK");
    expect(other).toEqual({ status: "SIGN_IN_UP_NOT_ALLOWED", reason: NOT_ALLOWED_REASONS.providerUnverified });
  });

  it("answers NO_EMAIL_GIVEN_BY_PROVIDER without an email (or with an unusable one), writing nothing", async () => {
    const { ctx, stores, setJwtPayload } = engine();
    expect(await signInUp(ctx, "github", profile({ email: undefined }))).toEqual({ status: "NO_EMAIL_GIVEN_BY_PROVIDER" });
    expect(await signInUp(ctx, "github", profile({ email: "not an email" }))).toEqual({ status: "NO_EMAIL_GIVEN_BY_PROVIDER" });
    expect(await stores.thirdParty.findAccount("github", "sub-1")).toBeNull();
    expect(setJwtPayload).not.toHaveBeenCalled();
  });

  it("a custom mapProfile's untyped values (JSON through `as string`) neither fail the sign-in nor count as a verified email", async () => {
    const { ctx, stores } = engine();
    // e.g. `email: me.mail as string` where the provider answers `"mail": null` (Microsoft Graph
    // does for an account without a mailbox): an unusable email, as for a provider that gave none.
    for (const email of [null, 42, { address: "zoe@example.com" }])
      expect(await signInUp(ctx, "legacy", profile({ email: email as unknown as string }))).toEqual({ status: "NO_EMAIL_GIVEN_BY_PROVIDER" });
    expect(await stores.thirdParty.findAccount("legacy", "sub-1")).toBeNull();
    // A verified owner of the address; a provider flag of "false" (a string, as Apple sends its
    // flags) or 1 is no vouching: nothing is linked into the owner by email.
    const owner = await signInUp(ctx, "google", profile({ id: "g-1" }));
    if (owner.status !== "OK") throw new Error("setup");
    for (const [id, flag] of [
      ["l-1", "false"],
      ["l-2", 1],
      ["l-3", "true"],
    ] as const) {
      expect(await signInUp(ctx, "legacy", profile({ id, emailVerified: flag as unknown as boolean }))).toEqual({
        status: "SIGN_IN_UP_NOT_ALLOWED",
        reason: NOT_ALLOWED_REASONS.providerUnverified,
      });
      expect(await stores.thirdParty.findAccount("legacy", id)).toBeNull();
    }
  });

  it("pre-registration attack: an unverified email+password account never captures the victim's provider sign-in", async () => {
    const { ctx, stores } = engine();
    const attacker = await signUp(ctx, { email: "zoe@example.com", password: "attacker-pw-1", formFields: {}, ...request });
    if (attacker.status !== "OK") throw new Error("setup");
    const victim = await signInUp(ctx, "google", profile({ emailVerified: true }));
    expect(victim).toEqual({ status: "SIGN_IN_UP_NOT_ALLOWED", reason: NOT_ALLOWED_REASONS.existingUnverified });
    expect(await stores.thirdParty.findAccount("google", "sub-1")).toBeNull();
    expect((await stores.thirdParty.getLoginMethods(attacker.user.id))?.thirdPartyAccounts).toEqual([]);
  });

  it("links to an existing user only when both sides verified the email, and only with verified-only", async () => {
    const { ctx } = engine();
    const google = await signInUp(ctx, "google", profile());
    if (google.status !== "OK") throw new Error("setup");
    // The provider does not vouch for the address: refused.
    expect(await signInUp(ctx, "facebook", profile({ id: "fb-1", emailVerified: false }))).toEqual({
      status: "SIGN_IN_UP_NOT_ALLOWED",
      reason: NOT_ALLOWED_REASONS.providerUnverified,
    });
    // Both verified: linked to the same user.
    const github = await signInUp(ctx, "github", profile({ id: "gh-1" }));
    if (github.status !== "OK") throw new Error(github.status);
    expect(github.user.id).toBe(google.user.id);
    expect(github.createdNewRecipeUser).toBe(true);
    expect(github.user.thirdParty).toEqual([
      { id: "github", userId: "gh-1" },
      { id: "google", userId: "sub-1" },
    ]);
    expect(github.user.isPrimaryUser).toBe(true);

    const off = engine({ thirdParty: { accountLinking: "off" } });
    await signInUp(off.ctx, "google", profile());
    expect(await signInUp(off.ctx, "github", profile({ id: "gh-1" }))).toEqual({
      status: "SIGN_IN_UP_NOT_ALLOWED",
      reason: NOT_ALLOWED_REASONS.linkingOff,
    });
  });

  it("a new user's email is verified exactly when the provider says so", async () => {
    const { ctx, stores } = engine();
    const verified = await signInUp(ctx, "google", profile({ id: "a", email: "a@example.com" }));
    const unverified = await signInUp(ctx, "google", profile({ id: "b", email: "b@example.com", emailVerified: false }));
    if (verified.status !== "OK" || unverified.status !== "OK") throw new Error("setup");
    expect((await stores.users.getUserById(verified.user.id))?.emailVerified).toBe(true);
    expect((await stores.users.getUserById(unverified.user.id))?.emailVerified).toBe(false);
  });

  it("keeps the provider's latest email on the identity, leaving the user's email alone", async () => {
    const { ctx, stores } = engine();
    const first = await signInUp(ctx, "google", profile());
    const moved = await signInUp(ctx, "google", profile({ email: "zoe@new.example" }));
    if (first.status !== "OK" || moved.status !== "OK") throw new Error("setup");
    expect(moved.user.id).toBe(first.user.id);
    expect((await stores.thirdParty.findAccount("google", "sub-1"))?.account.email).toBe("zoe@new.example");
    expect((await stores.users.getUserById(first.user.id))?.email).toBe("zoe@example.com");
  });

  it("of ten concurrent first sign-ins with one identity, all succeed as one user", async () => {
    const { ctx } = engine();
    const results = await Promise.all(Array.from({ length: 10 }, () => signInUp(ctx, "google", profile())));
    const ids = new Set(results.map((r) => (r.status === "OK" ? r.user.id : r.status)));
    expect([...ids]).toHaveLength(1);
    expect(results.filter((r) => r.status === "OK" && r.createdNewRecipeUser)).toHaveLength(1);
  });
});
