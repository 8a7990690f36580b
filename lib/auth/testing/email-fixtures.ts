import type { GatehouseConfig } from "../config";
import { EmailDeliveryError, type EmailDelivery, type OutgoingEmail } from "../email/email-delivery";
import { signUp } from "../emailpassword/sign-up";
import { createTestEngine } from "./test-engine";

/**
 * A delivery that keeps what it is given; `failing` makes every send fail. `links` are the
 * emails that carry a token (reset, verification), without the security notices between them.
 */
export function createCapturingDelivery(): EmailDelivery & { sent: OutgoingEmail[]; readonly links: OutgoingEmail[]; failing: boolean } {
  const capture = {
    sent: [] as OutgoingEmail[],
    get links() {
      return capture.sent.filter((email) => email.kind !== "SECURITY_NOTICE");
    },
    failing: false,
    async send(email: OutgoingEmail) {
      if (capture.failing) throw new EmailDeliveryError("injected failure");
      capture.sent.push(email);
    },
  };
  return capture;
}

/** The token in an emailed link. */
export function tokenOf(email: OutgoingEmail | undefined): string {
  const token = email && new URL(email.link).searchParams.get("token");
  if (!token) throw new Error("no email with a token link");
  return token;
}

/** An engine wired as the app wires it for email (a capturing delivery), pinned clock. */
export function createEmailEngine(config: GatehouseConfig = {}) {
  const delivery = createCapturingDelivery();
  const engine = createTestEngine(config, { emailDelivery: delivery });
  const signUpUser = async (email: string, password = "fixture-pw-1") => {
    const result = await signUp(engine.ctx, { email, password, formFields: { email, password } });
    if (result.status !== "OK") throw new Error(`sign-up failed: ${result.status}`);
    return result;
  };
  return { ...engine, delivery, signUpUser };
}
