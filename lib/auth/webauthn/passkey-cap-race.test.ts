/**
 * The passkey cap's undo racing a removal. Two additions at the cap's edge each write their
 * passkey, count the user's passkeys again, find the cap passed and remove their own; a removal of
 * the account's first passkey, in between, counted both as left (removeCredential's look after
 * its delete) and went ahead. On an account that passkeys alone open (no password, no provider,
 * recovery by email closed by a second factor), the undos then left it with no passkey at all:
 * shut for good but for an admin.
 */
import { randomUUID } from "node:crypto";
import { expect, it } from "vitest";
import type { WebauthnCredentialRow } from "../ports/webauthn-store";
import { createMemoryStores } from "../testing/memory-stores";
import { createTestEngine, T0 } from "../testing/test-engine";
import { addVerifiedCredential, removeCredential } from "./credentials";
import { credentialKey } from "./verify-ceremony";

function passkeyOf(userId: string, name: string): WebauthnCredentialRow {
  const credentialId = Buffer.from(randomUUID()).toString("base64url");
  return {
    id: credentialKey(credentialId),
    credentialId,
    userId,
    userHandle: "aGFuZGxl",
    publicKey: "cHVibGljLWtleQ",
    counter: 0,
    transports: [],
    rpId: "localhost",
    name,
    createdAt: T0,
    lastUsedAt: null,
  };
}

it("undoing additions past the cap never leaves an account that passkeys alone open without a passkey", async () => {
  const stores = createMemoryStores();
  const userId = "passkey-only";
  // The additions' undos wait until the removal is done (the engine takes the store as it is now).
  const added = [passkeyOf(userId, "Second"), passkeyOf(userId, "Third")];
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  let held = 0;
  let bothHeld!: () => void;
  const undosWaiting = new Promise<void>((resolve) => (bothHeld = resolve));
  const deleteCredential = stores.webauthn.deleteCredential.bind(stores.webauthn);
  stores.webauthn.deleteCredential = async (input) => {
    if (added.some((p) => p.id === input.id)) {
      if (++held === 2) bothHeld();
      await released;
    }
    return deleteCredential(input);
  };
  const { ctx } = createTestEngine({ webauthn: { maxPasskeys: 2 }, mfa: { enabled: true } }, { stores });
  const first = passkeyOf(userId, "First");
  const created = await stores.webauthn.createWebauthnUser({
    user: { id: userId, email: "ada@example.com", emailVerified: true, timeJoined: T0 },
    credential: first,
  });
  expect(created.status).toBe("OK");
  // A verified authenticator: MFA closes recovery by email, so the passkeys are the only way in.
  await stores.mfa.createTotpDevice({
    id: randomUUID(),
    userId,
    name: "Phone",
    sealedSecret: "sealed",
    period: 30,
    skew: 1,
    verified: true,
    lastUsedStep: null,
    createdAt: T0,
  });

  const additions = added.map((p) => addVerifiedCredential(ctx, p, "account"));
  await undosWaiting;
  expect(await removeCredential(ctx, { userId, webauthnCredentialId: first.credentialId })).toEqual({ status: "OK" });
  release();
  const answers = await Promise.all(additions);

  const left = (await stores.webauthn.listCredentials(userId)).map((p) => p.id);
  expect(left.length).toBeGreaterThanOrEqual(1);
  expect(left.length).toBeLessThanOrEqual(2);
  // Every addition answered OK holds its passkey; every one refused does not.
  answers.forEach((answer, i) => expect(left.includes(added[i].id), answer.status).toBe(answer.status === "OK"));
});
