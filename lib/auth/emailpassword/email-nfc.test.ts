/**
 * Email change and password reset with the address in either Unicode form (the flows on every
 * database are in lib/http/email-nfc.db.test.ts).
 */
import { describe, expect, it } from "vitest";
import { sendPasswordResetEmail } from "../passwordreset/send-reset-email";
import { createEmailEngine } from "../testing/email-fixtures";
import { updateEmail } from "./update-email";

const nfc = (local: string) => `${local}\u00e9@example.com`;
const nfd = (local: string) => `${local}e\u0301@example.com`;

describe("email change and password reset in Unicode NFC", () => {
  it("a change to another's address in the other form is refused; to one's own, a no-op", async () => {
    const { ctx, stores, signUpUser, delivery } = createEmailEngine();
    const jose = (await signUpUser(nfc("jos"))).user.id;
    const other = (await signUpUser("other@example.com")).user.id;
    expect(await updateEmail(ctx, other, nfd("jos"))).toEqual({ status: "EMAIL_ALREADY_EXISTS_ERROR" });
    const sentBefore = delivery.sent.length;
    expect(await updateEmail(ctx, jose, nfd("jos"))).toEqual({ status: "OK" });
    expect(delivery.sent).toHaveLength(sentBefore);
    expect(await updateEmail(ctx, other, nfd("ren"))).toEqual({ status: "OK" });
    expect((await stores.users.getUserById(other))?.email).toBe(nfc("ren"));
  });

  it("a reset asked for with the decomposed form mails the account's own address", async () => {
    const { ctx, signUpUser, delivery } = createEmailEngine();
    await signUpUser(nfc("zo"));
    const asked = await sendPasswordResetEmail(ctx, { email: nfd("zo") });
    expect(asked.status).toBe("OK");
    if (asked.status === "OK") await asked.delivery;
    expect(delivery.sent.map((email) => [email.kind, email.to])).toEqual([["PASSWORD_RESET", nfc("zo")]]);
  });
});
