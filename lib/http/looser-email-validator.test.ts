/**
 * `emailPassword.validators.email` may drop the built-in check (docs/ui.md): a deployment that
 * takes `ops@localhost` (no dotted domain) signs such accounts up. Sign-in and the reset request
 * keep a syntax check so that a stricter rule never locks an account out; a looser one must not
 * either: an address the deployment took for a new account is one its owner can sign in with.
 */
import { describe, expect, it } from "vitest";
import { sendPasswordResetEmail } from "../auth/passwordreset/send-reset-email";
import { createAuthClient } from "./testing/client";
import { createTestEngine } from "../auth/testing/test-engine";
import { signIn } from "../auth/emailpassword/sign-in";
import { signUp } from "../auth/emailpassword/sign-up";

const fields = (email: string, password: string) => ({ email, password, formFields: { email, password } });
const looser = { emailPassword: { validators: { email: (email: string) => (email.includes("@") ? undefined : "Not an address") } } };

describe("an email validator looser than the built-in check", () => {
  it("signs up ops@localhost, and then signs in with it", async () => {
    const { ctx } = createTestEngine(looser);
    expect((await signUp(ctx, fields("ops@localhost", "correct horse 1"))).status).toBe("OK");
    expect((await signIn(ctx, fields("ops@localhost", "correct horse 1"))).status).toBe("OK");
  });

  it("takes a reset request for it", async () => {
    const { ctx } = createTestEngine(looser);
    await signUp(ctx, fields("ops@localhost", "correct horse 1"));
    expect((await sendPasswordResetEmail(ctx, { email: "ops@localhost" })).status).not.toBe("FIELD_ERROR");
  });

  it("answers GET /emailpassword/email/exists for it (supertokens-auth-react asks while the address is typed)", async () => {
    const { ctx } = createTestEngine(looser);
    await signUp(ctx, fields("ops@localhost", "correct horse 1"));
    const response = await createAuthClient(ctx).send("GET", "/api/auth/emailpassword/email/exists?email=ops%40localhost");
    expect([response.status, await response.json()]).toEqual([200, { status: "OK", exists: true }]);
  });

  it("still answers FIELD_ERROR at sign-in for what neither check takes", async () => {
    const { ctx } = createTestEngine(looser);
    expect(await signIn(ctx, fields("no-at-sign", "correct horse 1"))).toMatchObject({ status: "FIELD_ERROR", formFields: [{ id: "email" }] });
  });
});
