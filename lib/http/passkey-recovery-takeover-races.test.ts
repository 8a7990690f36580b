/**
 * What is in flight while a passkey recovery takes an unproven account over
 * (lib/auth/webauthn/recovery-takeover.ts): a sign-in by a way in the takeover removes, or a
 * passkey the registrant's session adds, staged at the exact store call where the race would
 * land. None keeps a session or a passkey.
 */
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { updateEmail } from "../auth/emailpassword/update-email";
import { signInUpWithProvenContact } from "../auth/passwordless/sign-in-up";
import { NOT_ALLOWED_REASONS, signInUpWithProfile } from "../auth/thirdparty/sign-in-up";
import { registerCredential } from "../auth/webauthn/credentials";
import { interleaveAt } from "../auth/testing/interleave";
import { createMemoryStores } from "../auth/testing/memory-stores";
import { createPasskey, type SoftPasskey } from "../auth/testing/soft-authenticator";
import { ORIGIN } from "../auth/testing/webauthn-fixtures";
import { recover, sessionStands, setup, signInWithPasskey, signUpWithPasskey, type Setup } from "./testing/passkey-recovery-harness";

const VICTIM = "victim@example.com";

/** Events of the failed sign-ins the re-check logged for `userId`. */
async function removedWayInEvents(s: Setup, userId: string) {
  await s.ctx.audit.settled();
  return (await s.stores.audit.listEvents({ userId, limit: 50 }))
    .filter((e) => e.type === "auth.signin_failed")
    .map((e) => [e.detail.method, e.detail.reason]);
}

describe("a takeover racing what the registrant has in flight", () => {
  it("a passkey sign-in whose passkey the takeover removed meanwhile keeps no session", async () => {
    const stores = createMemoryStores();
    // Staged just before the next session row is written: the attacker's passkey has verified.
    const sessionWrite = interleaveAt(stores.sessions, "createSession");
    const s = setup({}, { stores });
    const attacker = s.browser();
    const planted = await signUpWithPasskey(attacker, VICTIM);
    const victim = s.browser();
    sessionWrite.before(async () => {
      expect((await recover(s, victim, VICTIM)).body.status).toBe("OK");
    });
    const late = s.browser();
    expect(await signInWithPasskey(late, planted.passkey)).toEqual({ status: "INVALID_CREDENTIALS_ERROR" });
    expect(sessionWrite.pending).toBe(false);
    expect(await sessionStands(late)).toEqual({ checked: 401, refreshed: 401 });
    expect(await stores.sessions.listSessionHandlesForUser(planted.body.user.id, s.ctx.now())).toEqual([]);
  });

  it("a passkey the registrant's session was adding while the takeover ran is not kept", async () => {
    const stores = createMemoryStores();
    // Staged just before the next passkey is written: the attacker's session was checked already.
    const passkeyWrite = interleaveAt(stores.webauthn, "addCredential");
    const s = setup({}, { stores });
    const attacker = s.browser();
    const planted = await signUpWithPasskey(attacker, VICTIM);
    const userId: string = planted.body.user.id;
    const more = await (await attacker.post("/webauthn/options/register", { email: VICTIM })).json();
    const second = createPasskey(more, ORIGIN);
    const victim = s.browser();
    let recovered: SoftPasskey | null = null;
    passkeyWrite.before(async () => {
      const done = await recover(s, victim, VICTIM);
      expect(done.body.status).toBe("OK");
      recovered = done.passkey;
    });
    const add = { webauthnGeneratedOptionsId: more.webauthnGeneratedOptionsId, recipeUserId: userId, credential: second.response };
    expect(await (await attacker.post("/webauthn/credential", add)).json()).toMatchObject({ status: "REGISTER_CREDENTIAL_NOT_ALLOWED" });
    expect(passkeyWrite.pending).toBe(false);

    expect(await signInWithPasskey(s.browser(), second.passkey)).toEqual({ status: "INVALID_CREDENTIALS_ERROR" });
    expect((await stores.webauthn.listCredentials(userId)).map((c) => c.credentialId)).toEqual([recovered!.credentialId.toString("base64url")]);
  });

  it("a passkey the registrant's session adds between the takeover's removals and its last revocation is not kept", async () => {
    const stores = createMemoryStores();
    // Staged right after the takeover removed the planted passkey: the attacker's add lands then.
    const passkeyRemoval = interleaveAt(stores.webauthn, "deleteCredential");
    const s = setup({}, { stores });
    const attacker = s.browser();
    const planted = await signUpWithPasskey(attacker, VICTIM);
    const userId: string = planted.body.user.id;
    const more = await (await attacker.post("/webauthn/options/register", { email: VICTIM })).json();
    const second = createPasskey(more, ORIGIN);
    const add = { webauthnGeneratedOptionsId: more.webauthnGeneratedOptionsId, recipeUserId: userId, credential: second.response };
    // The attacker's request passed its session check before the takeover began.
    const [sessionHandle] = await stores.sessions.listSessionHandlesForUser(userId, s.ctx.now());
    let added: { status: string } | null = null;
    passkeyRemoval.after(async () => {
      added = await registerCredential(s.ctx, s.rp(), { userId, sessionHandle, ...add, credential: second.response });
    });
    const recovered = await recover(s, s.browser(), VICTIM);
    expect(recovered.body.status).toBe("OK");
    expect(passkeyRemoval.pending).toBe(false);
    expect(added).toMatchObject({ status: "REGISTER_CREDENTIAL_NOT_ALLOWED" });
    expect(await signInWithPasskey(s.browser(), second.passkey)).toEqual({ status: "INVALID_CREDENTIALS_ERROR" });
    expect((await stores.webauthn.listCredentials(userId)).map((c) => c.credentialId)).toEqual([
      recovered.passkey.credentialId.toString("base64url"),
    ]);
  });

  it("a provider sign-in whose identity the takeover removed meanwhile keeps no session", async () => {
    const stores = createMemoryStores();
    // Staged just before the next session row is written: the provider's profile was matched.
    const sessionWrite = interleaveAt(stores.sessions, "createSession");
    const s = setup({}, { stores });
    const google = () =>
      signInUpWithProfile(s.ctx, {
        thirdPartyId: "google",
        profile: { id: "attacker-sub", email: "attacker@example.net", emailVerified: true },
        raw: {},
      });
    // The attacker's provider account, then given the victim's address, unverified, by an email change.
    const first = await google();
    if (first.status !== "OK") throw new Error(first.status);
    const userId = first.user.id;
    expect(await updateEmail(s.ctx, userId, VICTIM)).toEqual({ status: "OK" });
    expect(await stores.sessions.listSessionHandlesForUser(userId, s.ctx.now())).toHaveLength(1);
    sessionWrite.before(async () => {
      expect((await recover(s, s.browser(), VICTIM)).body).toMatchObject({ status: "OK", user: { id: userId } });
    });

    expect(await google()).toEqual({ status: "SIGN_IN_UP_NOT_ALLOWED", reason: NOT_ALLOWED_REASONS.signInMethodRemoved });
    expect(sessionWrite.pending).toBe(false);
    expect(await stores.sessions.listSessionHandlesForUser(userId, s.ctx.now())).toEqual([]);
    expect(await removedWayInEvents(s, userId)).toEqual([["thirdparty", "SIGN_IN_METHOD_REMOVED"]]);
  });

  it("a phone sign-in whose number the takeover removed meanwhile keeps no session", async () => {
    const stores = createMemoryStores();
    const sessionWrite = interleaveAt(stores.sessions, "createSession");
    const s = setup({}, { stores });
    const phoneNumber = "+4915112345678";
    const userId = randomUUID();
    const user = { id: userId, email: null, emailVerified: false, timeJoined: s.ctx.now() };
    expect((await stores.passwordless.createPasswordlessUser({ user, account: { userId, email: null, phoneNumber } })).status).toBe("OK");
    expect(await updateEmail(s.ctx, userId, VICTIM)).toEqual({ status: "OK" });
    // Staged just before the session row of the attacker's phone sign-in is written: its code was right.
    sessionWrite.before(async () => {
      expect((await recover(s, s.browser(), VICTIM)).body).toMatchObject({ status: "OK", user: { id: userId } });
    });

    expect(await signInUpWithProvenContact(s.ctx, { phoneNumber }, "code", {})).toEqual({
      status: "SIGN_IN_UP_NOT_ALLOWED",
      reason: NOT_ALLOWED_REASONS.signInMethodRemoved,
    });
    expect(sessionWrite.pending).toBe(false);
    expect(await stores.sessions.listSessionHandlesForUser(userId, s.ctx.now())).toEqual([]);
    expect(await removedWayInEvents(s, userId)).toEqual([["passwordless", "SIGN_IN_METHOD_REMOVED"]]);
  });
});
