import { describe, expect, it } from "vitest";
import { createPasswordlessEngine } from "../testing/passwordless-fixtures";
import { warningLog } from "../testing/warning-log";
import { createCode } from "./create-code";

/**
 * A deployer's passwordless email template that throws: the answer is the failed send it always
 * was (GENERAL_ERROR), but the error was swallowed, logged nowhere (the delivery logs only what
 * it was given), so every sign-in by email failed with nothing for the deployer to go on.
 */
describe("a passwordless email template that throws", () => {
  it("answers GENERAL_ERROR, sends nothing, and logs the template's failure", async () => {
    const { log, warnings } = warningLog();
    const emailTemplate = () => {
      throw new Error("template bug");
    };
    const { ctx, signInEmails } = createPasswordlessEngine({ passwordless: { emailTemplate } }, { log });
    const result = await createCode(ctx, { email: "zoe@example.com" }, {});
    expect(result).toMatchObject({ status: "GENERAL_ERROR" });
    expect(signInEmails()).toEqual([]);
    expect(warnings).toContainEqual(expect.objectContaining({ event: "email.template_failed", kind: "PASSWORDLESS_LOGIN" }));
  });
});
