import { describe, expect, it } from "vitest";
import { resolveConfig } from "../resolve-config";
import { updateEmail } from "../emailpassword/update-email";
import { getSession } from "../session/session";
import { validateClaims } from "../session/validate-claims";
import { createEmailEngine, tokenOf } from "../testing/email-fixtures";
import { emailVerifiedValidator, globalClaimValidators } from "./email-verification-claim";
import { refreshEmailVerificationClaim } from "./refresh-claim";
import { sendEmailVerificationEmail } from "./send-verification-email";
import { isEmailVerified, verifyEmailUsingToken } from "./verify-email";

describe("email verification", () => {
  it("puts st-ev {v, t} in the access token, read at issue time", async () => {
    const { clock, signUpUser } = createEmailEngine();
    const { tokens } = await signUpUser("ada@example.com");
    expect(tokens.accessTokenClaims["st-ev"]).toEqual({ v: false, t: clock.now().getTime() });
  });

  it("sends a link, verifies with it once, and then has nothing more to send", async () => {
    const { ctx, delivery, signUpUser } = createEmailEngine({ appOrigin: "https://app.example.com" });
    const { user } = await signUpUser("ada@example.com");
    expect(await sendEmailVerificationEmail(ctx, user.id)).toEqual({ status: "OK" });
    const [email] = delivery.sent;
    expect(email).toMatchObject({ kind: "EMAIL_VERIFICATION", to: "ada@example.com" });
    expect(email.link).toMatch(/^https:\/\/app\.example\.com\/auth\/verify-email\?token=[A-Za-z0-9_-]{43}$/);
    expect(await verifyEmailUsingToken(ctx, tokenOf(email))).toEqual({ status: "OK", user: { id: user.id, email: "ada@example.com" } });
    expect(await isEmailVerified(ctx, user.id)).toBe(true);
    expect(await verifyEmailUsingToken(ctx, tokenOf(email))).toEqual({ status: "EMAIL_VERIFICATION_INVALID_TOKEN_ERROR" });
    expect(await sendEmailVerificationEmail(ctx, user.id)).toEqual({ status: "EMAIL_ALREADY_VERIFIED_ERROR" });
  });

  it("links expire after a day by default; a newer link replaces the older", async () => {
    const { ctx, clock, delivery, signUpUser } = createEmailEngine();
    const { user } = await signUpUser("ada@example.com");
    await sendEmailVerificationEmail(ctx, user.id);
    clock.advanceSeconds(86_400);
    expect((await verifyEmailUsingToken(ctx, tokenOf(delivery.links[0]))).status).toBe("EMAIL_VERIFICATION_INVALID_TOKEN_ERROR");
    await sendEmailVerificationEmail(ctx, user.id);
    await sendEmailVerificationEmail(ctx, user.id);
    expect((await verifyEmailUsingToken(ctx, tokenOf(delivery.links[1]))).status).toBe("EMAIL_VERIFICATION_INVALID_TOKEN_ERROR");
    clock.advanceSeconds(86_399);
    expect((await verifyEmailUsingToken(ctx, tokenOf(delivery.links[2]))).status).toBe("OK");
  });

  it("changing the email unverifies it, and a link for the old address never verifies the new one", async () => {
    const { ctx, delivery, signUpUser } = createEmailEngine();
    const { user } = await signUpUser("ada@example.com");
    await sendEmailVerificationEmail(ctx, user.id);
    const forOld = tokenOf(delivery.links[0]);
    // Verified, then changed: unverified again.
    await sendEmailVerificationEmail(ctx, user.id);
    await verifyEmailUsingToken(ctx, tokenOf(delivery.links[1]));
    expect(await isEmailVerified(ctx, user.id)).toBe(true);
    expect(await updateEmail(ctx, user.id, "Ada@New.Example.com")).toEqual({ status: "OK" });
    expect(await isEmailVerified(ctx, user.id)).toBe(false);
    expect((await verifyEmailUsingToken(ctx, forOld)).status).toBe("EMAIL_VERIFICATION_INVALID_TOKEN_ERROR");

    // A link issued for the old address just before the change.
    await sendEmailVerificationEmail(ctx, user.id);
    const pending = tokenOf(delivery.links[2]);
    await ctx.stores.users.updateEmail(user.id, "ada@third.example.com");
    expect((await verifyEmailUsingToken(ctx, pending)).status).toBe("EMAIL_VERIFICATION_INVALID_TOKEN_ERROR");
    expect(await isEmailVerified(ctx, user.id)).toBe(false);
  });

  it("a failed delivery is GENERAL_ERROR with a message that says nothing about SMTP", async () => {
    const { ctx, delivery, signUpUser } = createEmailEngine();
    const { user } = await signUpUser("ada@example.com");
    delivery.failing = true;
    expect(await sendEmailVerificationEmail(ctx, user.id)).toEqual({
      status: "GENERAL_ERROR",
      message: "The email could not be sent. Please try again later.",
    });
  });

  it("refreshing the claim re-mints the token only when the value changed", async () => {
    const { ctx, clock, delivery, signUpUser } = createEmailEngine();
    const { user, tokens } = await signUpUser("ada@example.com");
    const session = { userId: user.id, sessionHandle: tokens.sessionHandle, accessTokenPayload: tokens.accessTokenClaims };
    expect(await refreshEmailVerificationClaim(ctx, session)).toEqual({ isVerified: false });
    await sendEmailVerificationEmail(ctx, user.id);
    await verifyEmailUsingToken(ctx, tokenOf(delivery.links[0]));
    clock.advanceSeconds(2);
    const refreshed = await refreshEmailVerificationClaim(ctx, session);
    expect(refreshed.isVerified).toBe(true);
    expect(refreshed.tokens?.accessTokenClaims["st-ev"]).toEqual({ v: true, t: clock.now().getTime() });
    const verified = await getSession(ctx, { accessToken: refreshed.tokens!.accessToken });
    expect(verified.status === "OK" && verified.session.accessTokenPayload["st-ev"]).toMatchObject({ v: true });
  });

  it("the validator and the global validators by mode", async () => {
    expect(emailVerifiedValidator.validate(true)).toBeUndefined();
    expect(emailVerifiedValidator.validate(false)).toEqual({
      id: "st-ev",
      reason: { message: "wrong value", expectedValue: true, actualValue: false },
    });
    expect(emailVerifiedValidator.validate(undefined)).toEqual({ id: "st-ev", reason: { message: "value does not exist", expectedValue: true } });
    expect(globalClaimValidators(resolveConfig({}))).toEqual([]);
    expect(globalClaimValidators(resolveConfig({ emailVerification: { mode: "REQUIRED" } }))).toEqual([emailVerifiedValidator]);

    const { ctx, delivery, signUpUser } = createEmailEngine();
    const { user, tokens } = await signUpUser("ada@example.com");
    const session = { userId: user.id, accessTokenPayload: tokens.accessTokenClaims };
    await sendEmailVerificationEmail(ctx, user.id);
    await verifyEmailUsingToken(ctx, tokenOf(delivery.links[0]));
    // From the token (stale) unless checked against the database.
    expect(await validateClaims(ctx, session, [emailVerifiedValidator])).toHaveLength(1);
    expect(await validateClaims(ctx, session, [emailVerifiedValidator], { fromDatabase: true })).toEqual([]);
  });
});
