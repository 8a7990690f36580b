import { describe, expect, it } from "vitest";
import { createCapturingDelivery } from "../auth/testing/email-fixtures";
import { createTestEngine } from "../auth/testing/test-engine";
import { warningLog } from "../auth/testing/warning-log";
import { createAuthClient, credentials } from "./testing/client";

/**
 * A deployer's verification template that throws (a bug, a translation missing): the email
 * cannot be made, which to the signed-in user is a failed send, answered as one (GENERAL_ERROR,
 * as when the mail server refuses it), not a 500; the deployer finds the cause in the log.
 */
describe("POST /user/email/verify/token with a template that throws", () => {
  it("answers GENERAL_ERROR with the delivery failure's message, and logs the template's failure", async () => {
    const delivery = createCapturingDelivery();
    const { log, warnings } = warningLog();
    const emailVerification = () => {
      throw new Error("template bug");
    };
    const { ctx } = createTestEngine({ email: { templates: { emailVerification } } }, { emailDelivery: delivery, log });
    const client = createAuthClient(ctx);
    expect((await (await client.send("POST", "/api/auth/signup", { body: credentials("tmpl@example.com", "fixture-pw-1") })).json()).status).toBe(
      "OK",
    );
    const sent = await client.send("POST", "/api/auth/user/email/verify/token", { headers: { rid: "emailverification" } });
    expect(sent.status).toBe(200);
    expect(await sent.json()).toEqual({ status: "GENERAL_ERROR", message: "The email could not be sent. Please try again later." });
    expect(delivery.links).toEqual([]);
    expect(warnings).toContainEqual(expect.objectContaining({ event: "email.template_failed", kind: "EMAIL_VERIFICATION" }));
  });
});
