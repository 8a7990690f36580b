/**
 * One mailbox, one account: an address whose domain is written in its Unicode form
 * (`jose@bücher.example`) and as DNS carries it (`jose@xn--bcher-kva.example`) is one address,
 * whichever spelling made the account and whichever is typed later.
 */
import { describe, expect, it } from "vitest";
import { isEmailDomainAllowed } from "../organizations/email-domains";
import { createOrganization } from "../organizations/organizations";
import { setTenantLoginMethods } from "../organizations/tenant-admin";
import { resolveTenant } from "../organizations/tenants";
import { consumeCode } from "../passwordless/consume-code";
import { createCode } from "../passwordless/create-code";
import { resetPasswordUsingToken } from "../passwordreset/reset-password";
import { sendPasswordResetEmail } from "../passwordreset/send-reset-email";
import { createEmailEngine, tokenOf } from "../testing/email-fixtures";
import { createPasswordlessEngine } from "../testing/passwordless-fixtures";
import { signInUpWithProfile } from "../thirdparty/sign-in-up";
import { MESSAGE } from "../wire-codes";
import { normaliseEmail } from "./credential-checks";
import { signIn } from "./sign-in";
import { signUp } from "./sign-up";

const UNICODE = "jose@b\u00fccher.example";
const ASCII = "jose@xn--bcher-kva.example";
const fields = (email: string, password = "fixture-pw-1") => ({ email, password, formFields: { email, password } });

describe("an address whose domain is written as Unicode or as DNS carries it", () => {
  for (const [made, typed] of [
    [UNICODE, ASCII],
    [ASCII, UNICODE],
    [UNICODE, "Jose@XN--BCHER-KVA.Example"],
  ]) {
    it(`an account made as ${made} signs in as ${typed}, and no second account is made as it`, async () => {
      const { ctx, stores } = createEmailEngine();
      const up = await signUp(ctx, fields(made));
      if (up.status !== "OK") throw new Error(up.status);
      // Stored in the Unicode form, whichever was typed.
      expect(up.user.emails).toEqual([UNICODE]);
      expect((await stores.users.findEmailPasswordAccountByEmail(UNICODE))?.user.id).toBe(up.user.id);

      const signedIn = await signIn(ctx, fields(typed));
      expect(signedIn.status).toBe("OK");
      if (signedIn.status === "OK") expect(signedIn.user.id).toBe(up.user.id);

      expect(await signUp(ctx, fields(typed, "fixture-pw-2"))).toEqual({
        status: "FIELD_ERROR",
        formFields: [{ id: "email", error: MESSAGE.EMAIL_EXISTS }],
      });
    });
  }

  it("a reset asked for under the other spelling reaches the account, and its new password signs in under both", async () => {
    const { ctx, delivery, signUpUser } = createEmailEngine();
    const up = await signUpUser(UNICODE, "old-password1");
    const asked = await sendPasswordResetEmail(ctx, { email: ASCII });
    if (asked.status !== "OK") throw new Error(asked.status);
    await asked.delivery;
    expect(delivery.links.map((email) => [email.kind, email.to])).toEqual([["PASSWORD_RESET", UNICODE]]);
    expect(await resetPasswordUsingToken(ctx, { token: tokenOf(delivery.links[0]), newPassword: "new-password2" })).toMatchObject({
      status: "OK",
      userId: up.user.id,
    });
    for (const email of [UNICODE, ASCII]) expect((await signIn(ctx, fields(email, "new-password2"))).status).toBe("OK");
  });

  it("a passwordless code asked for under the other spelling signs in to the account that holds the address", async () => {
    const engine = createPasswordlessEngine();
    const { ctx, stores } = engine;
    const up = await signUp(ctx, fields(ASCII));
    if (up.status !== "OK") throw new Error(up.status);
    expect(await stores.users.markEmailVerified(up.user.id, up.user.emails[0]!)).toBe(true);

    const request = { userAgent: "test", ip: null };
    const started = await createCode(ctx, { email: UNICODE }, request);
    if (started.status !== "OK") throw new Error(started.status);
    expect(engine.lastEmail().to).toBe(UNICODE);
    const signedIn = await consumeCode(ctx, { ...started, userInputCode: engine.lastEmail().userInputCode! }, request);
    if (signedIn.status !== "OK") throw new Error(signedIn.status);
    expect(signedIn.user.id).toBe(up.user.id);
    // The passwordless login joins the account under the one stored form.
    expect((await stores.passwordless.findAccount({ email: UNICODE }))?.user.id).toBe(up.user.id);
    expect(await stores.passwordless.findAccount({ email: ASCII })).toBeNull();
  });

  it("an organization's domain rule, in either spelling, admits the account signing in under either", async () => {
    const { ctx } = createEmailEngine();
    const owner = await signUp(ctx, fields("owner@example.com"));
    if (owner.status !== "OK") throw new Error(owner.status);
    const user = await signUp(ctx, fields(ASCII));
    if (user.status !== "OK") throw new Error(user.status);
    expect(await ctx.stores.users.markEmailVerified(user.user.id, user.user.emails[0]!)).toBe(true);
    for (const [slug, domain] of [
      ["ascii", "xn--bcher-kva.example"],
      ["unicode", "b\u00fccher.example"],
    ]) {
      const created = await createOrganization(ctx, { name: slug, slug, userId: owner.user.id });
      if (created.status !== "OK") throw new Error(created.status);
      const loginMethods = { signUpOpen: true, allowedEmailDomains: [domain] };
      expect(await setTenantLoginMethods(ctx, { organizationId: created.organization.id, loginMethods })).toEqual({ status: "OK" });
      const resolved = await resolveTenant(ctx, created.organization.id);
      if (resolved.status !== "OK") throw new Error(resolved.status);
      for (const email of [UNICODE, ASCII]) {
        const signedIn = await signIn(ctx, { ...fields(email), tenant: resolved.tenant });
        expect(signedIn.status, `${slug} ${email}`).toBe("OK");
        if (signedIn.status === "OK") expect(signedIn.user.id).toBe(user.user.id);
      }
      expect(await ctx.stores.organizations.getMembership(created.organization.id, user.user.id)).not.toBeNull();
    }
  });
});

/**
 * The other way round, a false merge: `xn--corp-` is what RFC 3492 makes of the ASCII label
 * `corp`, yet to DNS it is a label of its own, under which whoever holds it receives mail (URL
 * parsers, Node's and Chromium's, take it as written). Read as `corp`, an address there was the
 * address of another mailbox: a provider that vouches for `boss@xn--corp-.example` signed in to
 * the account of `boss@corp.example`.
 */
describe("a domain whose xn-- label decodes to ASCII", () => {
  const VICTIM = "boss@corp.example";
  const LOOKALIKE = "boss@xn--corp-.example";

  it("is another mailbox: a provider vouching for it neither signs in to nor links into the account of the ASCII name", async () => {
    const { ctx, stores } = createEmailEngine();
    const victim = await signUp(ctx, fields(VICTIM));
    if (victim.status !== "OK") throw new Error(victim.status);
    expect(await stores.users.markEmailVerified(victim.user.id, VICTIM)).toBe(true);

    const profile = { id: "attacker-1", email: LOOKALIKE, emailVerified: true };
    const signedIn = await signInUpWithProfile(ctx, { thirdPartyId: "google", profile, raw: {}, request: { userAgent: "test", ip: null } });
    if (signedIn.status !== "OK") throw new Error(signedIn.status);
    expect(signedIn.user.id).not.toBe(victim.user.id);
    expect(signedIn.user.emails).toEqual([LOOKALIKE]);
    expect((await stores.thirdParty.findUserByEmail(VICTIM))?.id).toBe(victim.user.id);
  });

  it("is not the domain of an organization's rule for the ASCII name", () => {
    const loginMethods = { signUpOpen: true, allowedEmailDomains: ["corp.example"] };
    expect(isEmailDomainAllowed(loginMethods, VICTIM)).toBe(true);
    expect(isEmailDomainAllowed(loginMethods, LOOKALIKE)).toBe(false);
  });
});

/**
 * Lower-casing is not IDNA's case mapping: JavaScript lower-cases `ẞ` (U+1E9E) to `ß` where IDNA
 * (and so every mailer, nodemailer included) maps it to `ss`, and a `Σ` ending a word to `ς`
 * where IDNA maps it to `σ`. `boss@STRAẞE.example` is a mailbox at strasse.example, yet it was
 * normalised to `boss@straße.example`, another DNS name and another person's account.
 */
describe("a domain that lower-casing would turn into another DNS name", () => {
  const VICTIM = "boss@stra\u00dfe.example";
  const UPPER = "boss@STRA\u1e9eE.example";

  it("is not normalised into it", () => {
    expect(normaliseEmail(UPPER)).not.toBe(VICTIM);
    expect(normaliseEmail("boss@example.\u039f\u03a3")).not.toBe("boss@example.\u03bf\u03c2");
    // Idempotent, and kept apart from the spelling of its own DNS name too (a twin, as full-width letters are).
    expect(normaliseEmail(normaliseEmail(UPPER))).toBe(normaliseEmail(UPPER));
    expect(normaliseEmail(UPPER)).not.toBe("boss@strasse.example");
  });

  it("neither signs in to nor links into the account of the lower-cased spelling, and sign-up refuses it as a twin", async () => {
    const { ctx, stores } = createEmailEngine();
    const victim = await signUp(ctx, fields(VICTIM));
    if (victim.status !== "OK") throw new Error(victim.status);
    expect(await stores.users.markEmailVerified(victim.user.id, VICTIM)).toBe(true);

    const profile = { id: "attacker-2", email: UPPER, emailVerified: true };
    const signedIn = await signInUpWithProfile(ctx, { thirdPartyId: "google", profile, raw: {}, request: { userAgent: "test", ip: null } });
    if (signedIn.status !== "OK") throw new Error(signedIn.status);
    expect(signedIn.user.id).not.toBe(victim.user.id);

    expect(await signUp(ctx, fields(UPPER))).toEqual({ status: "FIELD_ERROR", formFields: [{ id: "email", error: MESSAGE.EMAIL_INVALID }] });
  });
});
