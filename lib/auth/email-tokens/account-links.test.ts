/**
 * Sign-in codes and magic links die with the old password, as reset and recovery links do: a
 * code sent to a verified address signs in to the account that holds it, so one asked for by
 * whoever could read the inbox before the owner changed (or reset) the password would undo the
 * change without any password.
 */
import { describe, expect, it } from "vitest";
import { changePassword } from "../emailpassword/change-password";
import { signUp } from "../emailpassword/sign-up";
import { consumeCode } from "../passwordless/consume-code";
import { createCode } from "../passwordless/create-code";
import { resetPasswordUsingToken } from "../passwordreset/reset-password";
import { sendPasswordResetEmail } from "../passwordreset/send-reset-email";
import { createPasswordlessEngine, linkPartsOf } from "../testing/passwordless-fixtures";
import { setUserPassword } from "../users/user-admin-actions";

const request = { userAgent: "test", ip: null };
const ZOE = "zoe@example.com";

type Engine = ReturnType<typeof createPasswordlessEngine>;

async function verifiedPasswordUser(engine: Engine) {
  const up = await signUp(engine.ctx, { email: ZOE, password: "fixture-pw-1", formFields: {} });
  if (up.status !== "OK") throw new Error(up.status);
  await engine.stores.users.markEmailVerified(up.user.id, ZOE);
  return up;
}

/** A sign-in started for `email`: its typed code and its magic link's parts. */
async function codeFor(engine: Engine, email: string) {
  const started = await createCode(engine.ctx, { email }, request);
  if (started.status !== "OK") throw new Error(started.status);
  const sent = engine.lastEmail();
  return { typed: { ...started, userInputCode: sent.userInputCode! }, link: linkPartsOf(sent.link) };
}

describe("a password change, reset or set ends the passwordless sign-ins under way to the account", () => {
  it("a changed password: the code and the link sent before it no longer sign in; another address's still does", async () => {
    const engine = createPasswordlessEngine();
    const up = await verifiedPasswordUser(engine);
    const before = await codeFor(engine, ZOE);
    const link = await codeFor(engine, ZOE);
    const other = await codeFor(engine, "ann@example.com");
    const changed = await changePassword(engine.ctx, {
      userId: up.user.id,
      sessionHandle: up.tokens.sessionHandle,
      oldPassword: "fixture-pw-1",
      newPassword: "fixture-pw-2",
    });
    expect(changed.status).toBe("OK");
    expect((await consumeCode(engine.ctx, before.typed, request)).status).toBe("RESTART_FLOW_ERROR");
    expect((await consumeCode(engine.ctx, link.link, request)).status).toBe("RESTART_FLOW_ERROR");
    expect((await consumeCode(engine.ctx, other.typed, request)).status).toBe("OK");
    // One asked for after the change works as always.
    const after = await codeFor(engine, ZOE);
    const signedIn = await consumeCode(engine.ctx, after.typed, request);
    expect(signedIn.status === "OK" && signedIn.user.id).toBe(up.user.id);
  });

  it("a reset password, and one set by an operator, likewise", async () => {
    const engine = createPasswordlessEngine();
    const up = await verifiedPasswordUser(engine);
    const beforeReset = await codeFor(engine, ZOE);
    const sent = await sendPasswordResetEmail(engine.ctx, { email: ZOE });
    if (sent.status !== "OK") throw new Error(sent.status);
    await sent.delivery;
    const resetLink = engine.delivery.sent.filter((e) => e.kind === "PASSWORD_RESET").at(-1)!.link;
    const token = new URL(resetLink).searchParams.get("token")!;
    expect((await resetPasswordUsingToken(engine.ctx, { token, newPassword: "fixture-pw-3" })).status).toBe("OK");
    expect((await consumeCode(engine.ctx, beforeReset.typed, request)).status).toBe("RESTART_FLOW_ERROR");

    const beforeSet = await codeFor(engine, ZOE);
    expect((await setUserPassword(engine.ctx, up.user.id, "fixture-pw-4")).status).toBe("OK");
    expect((await consumeCode(engine.ctx, beforeSet.link, request)).status).toBe("RESTART_FLOW_ERROR");
  });
});
