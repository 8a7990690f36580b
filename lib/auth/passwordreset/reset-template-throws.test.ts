import { describe, expect, it } from "vitest";
import { signUp } from "../emailpassword/sign-up";
import { createCapturingDelivery } from "../testing/email-fixtures";
import { createTestEngine } from "../testing/test-engine";
import { warningLog } from "../testing/warning-log";
import { sendPasswordResetEmail } from "./send-reset-email";

/**
 * The reset email is sent after the answer (send-reset-email.ts), where a deployer template that
 * throws can no longer change the answer. Its error left the delivery rejected: nothing said which
 * email was lost, and where the host gives no `waitUntil` the rejection went unhandled, which
 * Node ends the process for.
 */
describe("a password reset template that throws", () => {
  it("answers OK, sends nothing, settles the delivery and logs the template's failure", async () => {
    const delivery = createCapturingDelivery();
    const { log, warnings } = warningLog();
    const passwordReset = () => {
      throw new Error("template bug");
    };
    const { ctx } = createTestEngine({ email: { templates: { passwordReset } } }, { emailDelivery: delivery, log });
    const password = "fixture-pw-1";
    expect((await signUp(ctx, { email: "ada@example.com", password, formFields: { email: "ada@example.com", password } })).status).toBe("OK");

    const result = await sendPasswordResetEmail(ctx, { email: "ada@example.com" });
    expect(result.status).toBe("OK");
    if (result.status !== "OK") return;
    await expect(result.delivery).resolves.toBeUndefined();
    expect(delivery.links).toEqual([]);
    expect(warnings).toContainEqual(expect.objectContaining({ event: "email.template_failed", kind: "PASSWORD_RESET" }));
  });
});
