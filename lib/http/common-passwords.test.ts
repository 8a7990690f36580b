/**
 * The shipped common-password list through the real route table (issue 9, item 3): refused at
 * sign-up, reset, change password and the admin API's set password; on by default; one switch
 * turns it off, and a replacement password validator does not.
 */
import { describe, expect, it } from "vitest";
import type { GatehouseConfig } from "../auth/config";
import { MESSAGE } from "../auth/wire-codes";
import { resolveConfig } from "../auth/resolve-config";
import { createEmailEngine, tokenOf } from "../auth/testing/email-fixtures";
import { setUserPassword } from "../auth/users/user-admin-actions";
import { createAuthClient, credentials } from "./testing/client";

const RESET = "/api/auth/user/password/reset";
const CHANGE = "/api/auth/user/password/change";
const commonError = (id: string) => ({ status: "FIELD_ERROR", formFields: [{ id, error: MESSAGE.COMMON_PASSWORD }] });

function setup(config: GatehouseConfig = {}) {
  const engine = createEmailEngine(config);
  const client = () => createAuthClient(engine.ctx);
  const json = async (response: Response | Promise<Response>) => {
    const answered = await response;
    expect(answered.status).toBe(200);
    return answered.json();
  };
  return { ...engine, client, json };
}

describe("common passwords", () => {
  it("are refused by default, whatever their case", () => {
    expect(resolveConfig({}).emailPassword.passwordPolicy.rejectCommonPasswords).toBe(true);
  });

  it("sign-up: a common password is a field error on the password and creates no user", async () => {
    const { client, json } = setup();
    for (const password of ["Password1", "QWERTY123", "trustno1"]) {
      expect(await json(client().send("POST", "/api/auth/signup", { body: credentials("ada@example.com", password) }))).toEqual(
        commonError("password"),
      );
    }
    expect((await json(client().send("POST", "/api/auth/signin", { body: credentials("ada@example.com", "Password1") }))).status).toBe(
      "WRONG_CREDENTIALS_ERROR",
    );
    expect((await json(client().send("POST", "/api/auth/signup", { body: credentials("ada@example.com", "Quiet-Lantern-58") }))).status).toBe("OK");
  });

  it("the policy answers first: a common password that breaks a policy rule gets the rule's message", async () => {
    const { client, json } = setup();
    const tooShort = await json(client().send("POST", "/api/auth/signup", { body: credentials("ada@example.com", "abc123") }));
    expect(tooShort.formFields[0].error).toBe("Password must contain at least 8 characters");
  });

  it("reset: refused without spending the link, which then sets an uncommon password", async () => {
    const { ctx, delivery, signUpUser, client, json } = setup();
    await signUpUser("ada@example.com", "Quiet-Lantern-58");
    await json(client().send("POST", `${RESET}/token`, { body: { formFields: [{ id: "email", value: "ada@example.com" }] } }));
    // The email is sent after the answer (so its timing reveals nothing): wait for it, bounded.
    for (let i = 0; i < 200 && delivery.sent.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
    const token = tokenOf(delivery.sent.at(-1));
    const body = (password: string) => ({ method: "token", token, formFields: [{ id: "password", value: password }] });
    expect(await json(client().send("POST", RESET, { body: body("LetMeIn1") }))).toEqual(commonError("password"));
    expect(await json(client().send("POST", RESET, { body: body("Second-Lantern-59") }))).toEqual({ status: "OK" });
    expect(
      (await json(createAuthClient(ctx).send("POST", "/api/auth/signin", { body: credentials("ada@example.com", "Second-Lantern-59") }))).status,
    ).toBe("OK");
  });

  it("change password: refused on newPassword, the old password still works", async () => {
    const { client, json } = setup();
    const me = client();
    await json(me.send("POST", "/api/auth/signup", { body: credentials("ada@example.com", "Quiet-Lantern-58") }));
    expect(await json(me.send("POST", CHANGE, { body: { oldPassword: "Quiet-Lantern-58", newPassword: "Welcome1" } }))).toEqual(
      commonError("newPassword"),
    );
    expect((await json(client().send("POST", "/api/auth/signin", { body: credentials("ada@example.com", "Quiet-Lantern-58") }))).status).toBe("OK");
  });

  it("the admin API's set password refuses it too", async () => {
    const { ctx, signUpUser } = setup();
    const { user } = await signUpUser("ada@example.com", "Quiet-Lantern-58");
    expect(await setUserPassword(ctx, user.id, "Passw0rd")).toEqual({
      status: "PASSWORD_POLICY_VIOLATED_ERROR",
      failureReason: MESSAGE.COMMON_PASSWORD,
    });
  });

  it("a replacement password validator does not switch the list off; rejectCommonPasswords: false does", async () => {
    const lenient = setup({ emailPassword: { validators: { password: () => undefined } } });
    expect(await lenient.json(lenient.client().send("POST", "/api/auth/signup", { body: credentials("ada@example.com", "abc12345") }))).toEqual(
      commonError("password"),
    );
    const off = setup({ emailPassword: { passwordPolicy: { rejectCommonPasswords: false } } });
    expect((await off.json(off.client().send("POST", "/api/auth/signup", { body: credentials("ada@example.com", "Password1") }))).status).toBe("OK");
  });
});
