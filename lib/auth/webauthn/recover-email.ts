/** The passkey-recovery email: a link to the built-in page that makes a new passkey, in `email.locale`. */
import type { EngineContext } from "../context";
import type { OutgoingEmail } from "../email/email-delivery";
import { linkEmailWords } from "../email/link-email-messages";
import { layout } from "../email/templates";

export async function composeRecoverEmail(ctx: EngineContext, input: { to: string; link: string; ttlSeconds: number }): Promise<OutgoingEmail> {
  const words = linkEmailWords(ctx.config.email.locale, "webauthnRecover", {
    appName: ctx.config.appName,
    email: input.to,
    expiresInMinutes: Math.max(1, Math.round(input.ttlSeconds / 60)),
  });
  return {
    kind: "WEBAUTHN_RECOVER",
    from: ctx.config.email.from,
    to: input.to,
    // Subjects become a header: the app's name must not be able to add another one.
    subject: words.subject.replace(/[\r\n]+/g, " "),
    text: `${words.lead}\n\n${input.link}\n\n${words.footer}\n`,
    html: layout({ link: input.link }, words.heading, words.lead, words.button, words.footer, { lang: words.lang, pasteLink: words.pasteLink }),
    link: input.link,
  };
}
