/**
 * An emailed link asked for a user whom an operator deletes between the flow's look-up and the
 * token's write: the database's foreign key refuses the token, and the store answers false
 * (lib/store/email-token-deleted-user.db.test.ts; the memory store keeps no users, so it is
 * made to answer so here). Nothing is sent, a link that could never work least of all, and the
 * answer is the one an unknown address gets.
 */
import { describe, expect, it } from "vitest";
import { sendPasswordResetEmail } from "../passwordreset/send-reset-email";
import { sendEmailVerificationEmail } from "../emailverification/send-verification-email";
import { signUp } from "../emailpassword/sign-up";
import type { EmailTokenStore } from "../ports";
import { createCapturingDelivery } from "../testing/email-fixtures";
import { createMemoryStores } from "../testing/memory-stores";
import { createTestEngine } from "../testing/test-engine";
import { MESSAGE } from "../wire-codes";

/** An engine whose `pick` token store answers, once `gone` is called, as the database does for a deleted user. */
function engineWithUserGoneAt(pick: (stores: ReturnType<typeof createMemoryStores>) => EmailTokenStore) {
  const stores = createMemoryStores();
  const store = pick(stores);
  const replace = store.replaceTokensForUser.bind(store);
  let userGone = false;
  // Before the engine is built: it takes the store's methods then.
  store.replaceTokensForUser = async (row) => (userGone ? false : replace(row));
  const delivery = createCapturingDelivery();
  const { ctx } = createTestEngine({}, { stores, emailDelivery: delivery });
  const signUpUser = async (email: string) => {
    const result = await signUp(ctx, { email, password: "fixture-pw-1", formFields: { email, password: "fixture-pw-1" } });
    if (result.status !== "OK") throw new Error(result.status);
    return result.user.id;
  };
  return { ctx, delivery, signUpUser, gone: () => void (userGone = true) };
}

describe("a link asked for a user deleted meanwhile", () => {
  it("password reset: OK, as for an unknown address, and no email", async () => {
    const engine = engineWithUserGoneAt((stores) => stores.passwordResetTokens);
    await engine.signUpUser("ada@example.com");
    engine.gone();
    const result = await sendPasswordResetEmail(engine.ctx, { email: "ada@example.com" });
    expect(result.status).toBe("OK");
    if (result.status === "OK") await result.delivery;
    expect(engine.delivery.links).toEqual([]);
  });

  it("email verification: the unknown user's answer, and no email", async () => {
    const engine = engineWithUserGoneAt((stores) => stores.emailVerificationTokens);
    const userId = await engine.signUpUser("bob@example.com");
    engine.gone();
    expect(await sendEmailVerificationEmail(engine.ctx, userId)).toEqual({ status: "GENERAL_ERROR", message: MESSAGE.UNKNOWN_USER });
    expect(engine.delivery.links).toEqual([]);
  });
});
