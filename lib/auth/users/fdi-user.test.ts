/**
 * One user reached through several recipes is one FDI user whichever it signs in with: a
 * passwordless code and a provider sign-in answer (and hand the session hooks) the user with
 * every way in it has, its passkeys and its passwordless account included, as a passkey sign-in
 * does. On memory stores with a pinned clock.
 */
import { createHash, randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { consumeCode } from "../passwordless/consume-code";
import { createCode } from "../passwordless/create-code";
import { createPasswordlessEngine } from "../testing/passwordless-fixtures";
import { signInUpWithProfile } from "../thirdparty/sign-in-up";
import type { FdiUser } from "../user";

const request = { userAgent: "test", ip: null };
const EMAIL = "zoe@example.com";

async function signInByCode(engine: ReturnType<typeof createPasswordlessEngine>, email: string) {
  const started = await createCode(engine.ctx, { email }, request);
  if (started.status !== "OK") throw new Error(started.status);
  const result = await consumeCode(engine.ctx, { ...started, userInputCode: engine.lastEmail().userInputCode! }, request);
  if (result.status !== "OK") throw new Error(result.status);
  return result;
}

const methodsOf = (user: FdiUser) => user.loginMethods.map((m) => m.recipeId).sort();

describe("the FDI user of a sign-in", () => {
  it("lists every way in the user has, whichever recipe it signed in with", async () => {
    const setJwtPayload = vi.fn((_user: FdiUser) => ({}));
    const engine = createPasswordlessEngine({ setJwtPayload });
    const signedUp = await signInByCode(engine, EMAIL);
    const userId = signedUp.user.id;
    const credentialId = randomUUID();
    const added = await engine.stores.webauthn.addCredential({
      id: createHash("sha256").update(credentialId).digest("hex"),
      credentialId,
      userId,
      userHandle: randomUUID(),
      publicKey: "pk",
      counter: 0,
      transports: [],
      rpId: "localhost",
      name: "Passkey",
      createdAt: engine.ctx.now(),
      lastUsedAt: null,
    });
    expect(added.status).toBe("OK");

    const byCode = await signInByCode(engine, EMAIL);
    expect(byCode.user.webauthn.credentialIds).toEqual([credentialId]);
    expect(methodsOf(byCode.user)).toEqual(["passwordless", "webauthn"]);

    const profile = { id: "zoe-sub", email: EMAIL, emailVerified: true };
    const byProvider = await signInUpWithProfile(engine.ctx, { thirdPartyId: "google", profile, raw: {}, request });
    if (byProvider.status !== "OK") throw new Error(byProvider.status);
    expect(byProvider.user.id).toBe(userId);
    expect(byProvider.user.webauthn.credentialIds).toEqual([credentialId]);
    expect(methodsOf(byProvider.user)).toEqual(["passwordless", "thirdparty", "webauthn"]);
    // The hooks were handed that same user.
    expect(methodsOf(setJwtPayload.mock.calls.at(-1)![0])).toEqual(["passwordless", "thirdparty", "webauthn"]);
  });
});
