/** The passkey-recovery email: a link to the built-in page that makes a new passkey. */
import type { EngineContext } from "../context";
import type { OutgoingEmail } from "../email/email-delivery";
import { layout } from "../email/templates";

export async function composeRecoverEmail(ctx: EngineContext, input: { to: string; link: string; ttlSeconds: number }): Promise<OutgoingEmail> {
  const { appName } = ctx.config;
  const minutes = Math.max(1, Math.round(input.ttlSeconds / 60));
  const subject = `Add a passkey to your ${appName} account`.replace(/[\r\n]+/g, " ");
  const lead = `Someone asked to add a new passkey to the ${appName} account for ${input.to}. Follow the link on the device that should hold it. It works once, for ${minutes} minutes.`;
  const footer = "If you did not ask for this, ignore this email: nothing changes.";
  return {
    kind: "WEBAUTHN_RECOVER",
    from: ctx.config.email.from,
    to: input.to,
    subject,
    text: `${lead}\n\n${input.link}\n\n${footer}\n`,
    html: layout({ link: input.link }, "Add a passkey", lead, "Add a passkey", footer),
    link: input.link,
  };
}
