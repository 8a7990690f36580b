/**
 * Every sign-in and sign-up ends in startSession, which takes the user row the method has just
 * read or written: the session's email-verification claim (`st-ev`) comes from it, not from a
 * second read of the user.
 */
import { describe, expect, it, vi } from "vitest";
import { signIn } from "./emailpassword/sign-in";
import { signUp } from "./emailpassword/sign-up";
import { getSession } from "./session/session";
import type { IssuedTokens } from "./session/session";
import type { EngineContext } from "./context";
import { createTestEngine } from "./testing/test-engine";
import { signInUpWithProfile } from "./thirdparty/sign-in-up";

const creds = (email: string, password: string) => ({ email, password, formFields: { email, password } });

async function emailVerifiedClaim(ctx: EngineContext, tokens: IssuedTokens): Promise<unknown> {
  const verified = await getSession(ctx, { accessToken: tokens.accessToken });
  if (verified.status !== "OK") throw new Error(verified.status);
  return (verified.session.accessTokenPayload["st-ev"] as { v: unknown }).v;
}

describe("startSession: the user is read once per sign-in", () => {
  it("email+password sign-up and sign-in put st-ev in the token without reading the user again", async () => {
    const { ctx } = createTestEngine();
    const stores = ctx.stores;
    const reads = vi.spyOn(stores.users, "getUserById");
    const up = await signUp(ctx, creds("ada@example.com", "fixture-pw-1"));
    if (up.status !== "OK") throw new Error(up.status);
    expect(await emailVerifiedClaim(ctx, up.tokens)).toBe(false);
    expect(reads).not.toHaveBeenCalled();
    const signedIn = await signIn(ctx, creds("ada@example.com", "fixture-pw-1"));
    if (signedIn.status !== "OK") throw new Error(signedIn.status);
    expect(await emailVerifiedClaim(ctx, signedIn.tokens)).toBe(false);
    expect(reads).not.toHaveBeenCalled();
  });

  it("the claim follows the row the sign-in read: a verified email is true at once", async () => {
    const { ctx } = createTestEngine();
    const stores = ctx.stores;
    const up = await signUp(ctx, creds("ada@example.com", "fixture-pw-1"));
    if (up.status !== "OK") throw new Error(up.status);
    const found = await stores.users.findEmailPasswordAccountByEmail("ada@example.com");
    const reads = vi.spyOn(stores.users, "getUserById");
    vi.spyOn(stores.users, "findEmailPasswordAccountByEmail").mockResolvedValueOnce({ ...found!, user: { ...found!.user, emailVerified: true } });
    const signedIn = await signIn(ctx, creds("ada@example.com", "fixture-pw-1"));
    if (signedIn.status !== "OK") throw new Error(signedIn.status);
    expect(await emailVerifiedClaim(ctx, signedIn.tokens)).toBe(true);
    expect(reads).not.toHaveBeenCalled();
  });

  it("third-party sign-in takes the row of its login methods", async () => {
    const { ctx } = createTestEngine();
    const stores = ctx.stores;
    const reads = vi.spyOn(stores.users, "getUserById");
    const result = await signInUpWithProfile(ctx, {
      thirdPartyId: "google",
      profile: { id: "g-1", email: "zoe@example.com", emailVerified: true },
      raw: {},
      request: { ip: null, userAgent: "test" },
    });
    if (result.status !== "OK") throw new Error(result.status);
    expect(await emailVerifiedClaim(ctx, result.tokens)).toBe(true);
    expect(reads).not.toHaveBeenCalled();
  });
});
