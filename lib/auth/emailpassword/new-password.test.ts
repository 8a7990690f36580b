import { afterEach, describe, expect, it, vi } from "vitest";
import { resetPasswordUsingToken } from "../passwordreset/reset-password";
import { createTestEngine } from "../testing/test-engine";
import { setUserPassword } from "../users/user-admin-actions";
import { changePassword } from "./change-password";
import * as newPassword from "./new-password";
import { signUp } from "./sign-up";
import { MESSAGE } from "../wire-codes";

const COMMON_PASSWORD_MESSAGE = MESSAGE.COMMON_PASSWORD;

// Every entry point must reach the list through the one function: a spy on it sees each call, so
// an entry point that checks the policy alone (or the list by itself) fails here.
vi.mock("./new-password", async (importOriginal) => {
  const original = await importOriginal<typeof import("./new-password")>();
  return { checkNewPassword: vi.fn(original.checkNewPassword) };
});
const checkNewPassword = vi.mocked(newPassword.checkNewPassword);

const COMMON = "Password123"; // on the list, yet passes the default policy
const GOOD = "correct horse 1";

async function signedUp() {
  const engine = createTestEngine();
  const up = await signUp(engine.ctx, { email: "ada@example.com", password: GOOD, formFields: {} });
  if (up.status !== "OK") throw new Error(up.status);
  checkNewPassword.mockClear();
  return { ...engine, userId: up.user.id, sessionHandle: up.tokens.sessionHandle };
}

describe("every way to set a password refuses a common one through checkNewPassword", () => {
  afterEach(() => checkNewPassword.mockClear());

  it("sign-up", async () => {
    const { ctx } = createTestEngine();
    expect(await signUp(ctx, { email: "bob@example.com", password: COMMON, formFields: {} })).toEqual({
      status: "FIELD_ERROR",
      formFields: [{ id: "password", error: COMMON_PASSWORD_MESSAGE }],
    });
    expect(checkNewPassword).toHaveBeenCalledWith(ctx.config.emailPassword, COMMON);
  });

  it("reset by emailed token", async () => {
    const { ctx } = await signedUp();
    expect(await resetPasswordUsingToken(ctx, { token: "any-token", newPassword: COMMON })).toEqual({
      status: "FIELD_ERROR",
      formFields: [{ id: "password", error: COMMON_PASSWORD_MESSAGE }],
    });
    expect(checkNewPassword).toHaveBeenCalledWith(ctx.config.emailPassword, COMMON);
  });

  it("change password", async () => {
    const { ctx, userId, sessionHandle } = await signedUp();
    expect(await changePassword(ctx, { userId, sessionHandle, oldPassword: GOOD, newPassword: COMMON })).toEqual({
      status: "FIELD_ERROR",
      formFields: [{ id: "newPassword", error: COMMON_PASSWORD_MESSAGE }],
    });
    expect(checkNewPassword).toHaveBeenCalledWith(ctx.config.emailPassword, COMMON);
  });

  it("the admin API's set-password", async () => {
    const { ctx, userId } = await signedUp();
    expect(await setUserPassword(ctx, userId, COMMON)).toEqual({ status: "PASSWORD_POLICY_VIOLATED_ERROR", failureReason: COMMON_PASSWORD_MESSAGE });
    expect(checkNewPassword).toHaveBeenCalledWith(ctx.config.emailPassword, COMMON);
  });
});
