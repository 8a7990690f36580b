/**
 * An operator deleting a user while that user signs in, staged (interleaveAt) just after the
 * sign-in found its way in and before it read the user back: each method refuses cleanly, as it
 * does when the session write finds the user gone (delete-user-race.db.test.ts), where
 * it used to answer 503 (STORE_FAILED) for a user that "vanished".
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signInUpWithProvenContact } from "../auth/passwordless/sign-in-up";
import { signInUpWithProfile } from "../auth/thirdparty/sign-in-up";
import { interleaveAt } from "../auth/testing/interleave";
import { createMemoryStores } from "../auth/testing/memory-stores";
import { createTestEngine } from "../auth/testing/test-engine";
import { MESSAGE } from "../auth/wire-codes";
import { setup, signInWithPasskey, signUpWithPasskey } from "./testing/passkey-recovery-harness";
import { deleteUser } from "../auth/users/users";

const deleted = { status: "SIGN_IN_UP_NOT_ALLOWED", reason: MESSAGE.ACCOUNT_DELETED };

// Each interleaving is set up before the engine, which takes the store's methods as it is built.
describe("a user deleted while signing in, after its way in was found", () => {
  it("provider sign-in: SIGN_IN_UP_NOT_ALLOWED, no session", async () => {
    const stores = createMemoryStores();
    const identityFound = interleaveAt(stores.thirdParty, "findAccount");
    const { ctx } = createTestEngine({}, { stores });
    const google = () =>
      signInUpWithProfile(ctx, { thirdPartyId: "google", profile: { id: "sub-1", email: "ada@example.com", emailVerified: true }, raw: {} });
    const first = await google();
    if (first.status !== "OK") throw new Error(first.status);
    identityFound.after(async () => void expect((await deleteUser(ctx, first.user.id)).didUserExist).toBe(true));
    expect(await google()).toEqual(deleted);
    expect(identityFound.pending).toBe(false);
    expect(await stores.sessions.listSessionHandlesForUser(first.user.id, ctx.now())).toEqual([]);
  });

  it("phone sign-in: SIGN_IN_UP_NOT_ALLOWED, no session", async () => {
    const stores = createMemoryStores();
    const accountFound = interleaveAt(stores.passwordless, "findAccount");
    const { ctx } = createTestEngine({}, { stores });
    const phoneNumber = "+4915112345678";
    const userId = randomUUID();
    const user = { id: userId, email: null, emailVerified: false, timeJoined: ctx.now() };
    expect((await stores.passwordless.createPasswordlessUser({ user, account: { userId, email: null, phoneNumber } })).status).toBe("OK");
    accountFound.after(async () => void expect((await deleteUser(ctx, userId)).didUserExist).toBe(true));
    expect(await signInUpWithProvenContact(ctx, { phoneNumber }, "code", {})).toEqual(deleted);
    expect(accountFound.pending).toBe(false);
    expect(await stores.sessions.listSessionHandlesForUser(userId, ctx.now())).toEqual([]);
  });

  it("passkey sign-in: as an unknown passkey, no session", async () => {
    const stores = createMemoryStores();
    const passkeyFound = interleaveAt(stores.webauthn, "findCredential");
    const s = setup({}, { stores });
    const planted = await signUpWithPasskey(s.browser(), "ada@example.com");
    const userId: string = planted.body.user.id;
    passkeyFound.after(async () => void expect((await deleteUser(s.ctx, userId)).didUserExist).toBe(true));
    expect(await signInWithPasskey(s.browser(), planted.passkey)).toEqual({ status: "INVALID_CREDENTIALS_ERROR" });
    expect(passkeyFound.pending).toBe(false);
    expect(await stores.sessions.listSessionHandlesForUser(userId, s.ctx.now())).toEqual([]);
  });
});
