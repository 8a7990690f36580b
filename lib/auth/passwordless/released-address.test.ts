/**
 * An address taken from an unproven holder (thirdparty/sign-in-up.ts, "proof beats an unproven
 * holder") goes with every way in by it: a passwordless account that signed in by that address
 * (its user's email changed to it by `updateEmail`, so unverified) stops answering to it, and a
 * code to the address reaches the user who proved it. On memory stores with a pinned clock; the
 * Prisma store's side: lib/store/third-party-store.contract.ts.
 */
import { describe, expect, it } from "vitest";
import { updateEmail } from "../emailpassword/update-email";
import { createPasswordlessEngine } from "../testing/passwordless-fixtures";
import { signInUpWithProfile } from "../thirdparty/sign-in-up";
import { consumeCode } from "./consume-code";
import { createCode } from "./create-code";

const request = { userAgent: "test", ip: null };
const VICTIM = "victim@example.com";

async function signInByCode(engine: ReturnType<typeof createPasswordlessEngine>, email: string) {
  const started = await createCode(engine.ctx, { email }, request);
  if (started.status !== "OK") throw new Error(started.status);
  return consumeCode(engine.ctx, { ...started, userInputCode: engine.lastEmail().userInputCode! }, request);
}

describe("an address released to a provider's proof", () => {
  it("no longer signs the former holder in by passwordless: the code reaches the user who proved it", async () => {
    const engine = createPasswordlessEngine();
    const holder = await signInByCode(engine, "holder@example.com");
    if (holder.status !== "OK") throw new Error(holder.status);
    // The holder's email changed to an address nobody has proven yet (unverified).
    expect(await updateEmail(engine.ctx, holder.user.id, VICTIM)).toEqual({ status: "OK" });

    // The address's owner proves it at a provider: the address goes to a new user, the holder keeps its own.
    const profile = { id: "victim-sub", email: VICTIM, emailVerified: true };
    const owner = await signInUpWithProfile(engine.ctx, { thirdPartyId: "google", profile, raw: {}, request });
    if (owner.status !== "OK") throw new Error(owner.status);
    expect(owner.user.id).not.toBe(holder.user.id);
    expect((await engine.stores.users.getUserById(holder.user.id))?.email).toBeNull();

    expect((await engine.stores.passwordless.findAccount({ email: VICTIM }))?.user.id ?? null).not.toBe(holder.user.id);
    const byCode = await signInByCode(engine, VICTIM);
    expect(byCode).toMatchObject({ status: "OK", user: { id: owner.user.id } });
  });
});
