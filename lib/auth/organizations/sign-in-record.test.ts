import { describe, expect, it } from "vitest";
import { createTestEngine } from "../testing/test-engine";
import { createNewSession, getSession } from "../session/session";
import { getSessionInformation, mergeIntoAccessTokenPayload } from "../session/session-info";
import type { TenantLoginMethods } from "../ports/organization-store";
import { signInMeetsTenant, signInRecordOfPayload, SIGN_IN_RECORD_KEY, type SignInRecord } from "./sign-in-record";
import { resolveTenant } from "./tenants";

async function tenantWith(loginMethods: TenantLoginMethods | null) {
  const { ctx } = createTestEngine({ passwordless: { contactMethod: "EMAIL_OR_PHONE" }, webauthn: {} });
  ctx.stores.organizations.getOrganization = async (id) => ({ id, name: "Acme", loginMethods, createdAt: ctx.now() });
  const resolved = await resolveTenant(ctx, "acme");
  if (resolved.status !== "OK") throw new Error("no tenant");
  return { ctx, tenant: resolved.tenant };
}

const record = (factor: SignInRecord["factor"], extra: Partial<SignInRecord> = {}): SignInRecord => ({ factor, tenant: "public", ...extra });

describe("a session's sign-in record against a tenant", () => {
  it("admits a passwordless sign-in where the tenant takes the same kind of contact, by a code or a link", async () => {
    const { ctx, tenant } = await tenantWith({ firstFactors: ["link-email"] });
    expect(signInMeetsTenant(ctx, tenant, record("otp-email"))).toBe(true);
    expect(signInMeetsTenant(ctx, tenant, record("otp-phone"))).toBe(false);
    expect(signInMeetsTenant(ctx, tenant, record("emailpassword"))).toBe(false);
    expect(signInMeetsTenant(ctx, tenant, record("webauthn"))).toBe(false);
    expect(signInMeetsTenant(ctx, tenant, null)).toBe(false);
  });

  it("admits a code or a link only where the tenant takes that factor; a record from before they were told apart, either", async () => {
    const { ctx, tenant } = await tenantWith({ firstFactors: ["link-email", "otp-phone"] });
    expect(signInMeetsTenant(ctx, tenant, record("link-email", { v: 2 }))).toBe(true);
    expect(signInMeetsTenant(ctx, tenant, record("otp-email", { v: 2 }))).toBe(false);
    expect(signInMeetsTenant(ctx, tenant, record("otp-phone", { v: 2 }))).toBe(true);
    expect(signInMeetsTenant(ctx, tenant, record("link-phone", { v: 2 }))).toBe(false);
    // Written before: `otp-email` was a code or a link.
    expect(signInMeetsTenant(ctx, tenant, record("otp-email"))).toBe(true);
    expect(signInRecordOfPayload({ [SIGN_IN_RECORD_KEY]: { factor: "link-phone", tenant: "public", v: 2 } })).toEqual(record("link-phone", { v: 2 }));
  });

  it("admits anything, no record too, where the tenant narrows nothing", async () => {
    const { ctx, tenant } = await tenantWith({ signUpOpen: true });
    expect(signInMeetsTenant(ctx, tenant, null)).toBe(true);
    expect(signInMeetsTenant(ctx, tenant, record("webauthn"))).toBe(true);
  });

  it("reads only a well-formed record", () => {
    expect(signInRecordOfPayload({ [SIGN_IN_RECORD_KEY]: { factor: "emailpassword", tenant: "public" } })).toEqual(record("emailpassword"));
    expect(signInRecordOfPayload({ [SIGN_IN_RECORD_KEY]: { factor: "magic", tenant: "public" } })).toBeNull();
    expect(signInRecordOfPayload({ [SIGN_IN_RECORD_KEY]: { factor: "thirdparty", provider: 7, tenant: "public" } })).toBeNull();
    expect(signInRecordOfPayload({})).toBeNull();
  });

  it("is the engine's: no deployer payload sets it, and no token or session listing shows it", async () => {
    const { ctx } = createTestEngine();
    const signIn = record("thirdparty", { provider: "google" });
    await expect(createNewSession(ctx, { userId: "u1", jwtPayload: { [SIGN_IN_RECORD_KEY]: signIn } })).rejects.toMatchObject({
      code: "PROTECTED_CLAIM_IN_PAYLOAD",
    });
    const tokens = await createNewSession(ctx, { userId: "u1", signIn });
    await expect(mergeIntoAccessTokenPayload(ctx, tokens.sessionHandle, { [SIGN_IN_RECORD_KEY]: null })).rejects.toMatchObject({
      code: "PROTECTED_CLAIM_IN_PAYLOAD",
    });
    expect(tokens.accessTokenClaims).not.toHaveProperty(SIGN_IN_RECORD_KEY);
    const verified = await getSession(ctx, { accessToken: tokens.accessToken });
    expect(verified.status).toBe("OK");
    expect((await getSessionInformation(ctx, tokens.sessionHandle))!.accessTokenPayload).not.toHaveProperty(SIGN_IN_RECORD_KEY);
    expect(signInRecordOfPayload((await ctx.stores.sessions.getSession(tokens.sessionHandle))!.jwtPayload)).toEqual(signIn);
  });
});
