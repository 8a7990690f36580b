/**
 * Passwordless sign-up refuses an address whose mail goes to another mailbox, as email+password
 * and passkey sign-ups do; an account that holds such an address already still signs in.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createPasswordlessEngine } from "../testing/passwordless-fixtures";
import { MESSAGE } from "../wire-codes";
import { consumeCode } from "./consume-code";
import { createCode } from "./create-code";
import { signInUpWithProvenContact } from "./sign-in-up";

const request = { userAgent: "test", ip: null };
const refused = { status: "SIGN_IN_UP_NOT_ALLOWED", reason: MESSAGE.EMAIL_INVALID };

/** Each of these is delivered to victim@corp.com, yet would key an account of its own. */
const TWINS = ["victim@corp.com\u200b", "victim@cor\u00adp.com", "victim@\uff43orp.com", "x,victim@corp.com", "group:victim@corp.com"];

describe("passwordless sign-up under an address mail delivers elsewhere", () => {
  it("sends no code to a twin of another mailbox that has no account, and makes no account", async () => {
    const engine = createPasswordlessEngine();
    for (const email of TWINS) {
      expect(await createCode(engine.ctx, { email }, request), email).toEqual(refused);
      expect(await engine.stores.passwordless.findAccount({ email })).toBeNull();
    }
    expect(engine.signInEmails()).toEqual([]);
    // The real address, and a domain written in its own Unicode form, are addresses like any other.
    expect((await createCode(engine.ctx, { email: "victim@corp.com" }, request)).status).toBe("OK");
    expect((await createCode(engine.ctx, { email: "jose@b\u00fccher.example" }, request)).status).toBe("OK");
  });

  it("does not let the twins of one address each count apart against its send limit", async () => {
    const engine = createPasswordlessEngine({ passwordless: { sendLimitPerContact: { points: 1, durationSeconds: 3600 } } });
    expect((await createCode(engine.ctx, { email: "victim@corp.com" }, request)).status).toBe("OK");
    for (const email of TWINS) expect((await createCode(engine.ctx, { email }, request)).status).toBe("SIGN_IN_UP_NOT_ALLOWED");
    expect(engine.signInEmails().map((e) => e.to)).toEqual(["victim@corp.com"]);
  });

  it("signs in an account that holds such an address already", async () => {
    const engine = createPasswordlessEngine();
    const email = "victim@corp.com\u200b";
    const user = { id: randomUUID(), email, emailVerified: true, timeJoined: engine.ctx.now() };
    expect((await engine.stores.passwordless.createPasswordlessUser({ user, account: { userId: user.id, email, phoneNumber: null } })).status).toBe(
      "OK",
    );
    const started = await createCode(engine.ctx, { email }, request);
    if (started.status !== "OK") throw new Error(started.status);
    const code = engine.lastEmail().userInputCode!;
    const signedIn = await consumeCode(engine.ctx, { ...started, userInputCode: code }, request);
    if (signedIn.status !== "OK") throw new Error(signedIn.status);
    expect(signedIn.user.id).toBe(user.id);
    expect(signedIn.createdNewRecipeUser).toBe(false);
  });

  it("reaches an email+password user who holds such an address verified, as for any address", async () => {
    const engine = createPasswordlessEngine();
    const email = "x,victim@corp.com";
    const row = { id: randomUUID(), email, passwordHash: "unused", timeJoined: engine.ctx.now() };
    expect((await engine.stores.users.createEmailPasswordUser(row)).status).toBe("OK");
    await engine.stores.users.markEmailVerified(row.id, email);
    const started = await createCode(engine.ctx, { email }, request);
    if (started.status !== "OK") throw new Error(started.status);
    const signedIn = await consumeCode(engine.ctx, { ...started, userInputCode: engine.lastEmail().userInputCode! }, request);
    if (signedIn.status !== "OK") throw new Error(signedIn.status);
    expect(signedIn.user.id).toBe(row.id);
  });

  it("refuses the account at the sign-in too, for a code sent before the check or a holder gone since", async () => {
    const engine = createPasswordlessEngine();
    for (const email of TWINS) {
      expect(await signInUpWithProvenContact(engine.ctx, { email }, "code", request)).toEqual(refused);
      expect(await engine.stores.passwordless.findAccount({ email })).toBeNull();
    }
    expect((await signInUpWithProvenContact(engine.ctx, { email: "victim@corp.com" }, "link", request)).status).toBe("OK");
  });
});
