import type { Messages } from "../i18n/en";
import type { DEV_OUTBOX_NOTICE_MESSAGES } from "./client-messages";
import { formatRich } from "./format-rich";

/**
 * Development without SMTP_URL: nothing was sent, the email is in the dev outbox. Said on the
 * "we sent you a link" screens, so that a newcomer is not left waiting for an email.
 */
export function DevOutboxNotice({ href, messages: t }: { href: string; messages: Pick<Messages, (typeof DEV_OUTBOX_NOTICE_MESSAGES)[number]> }) {
  return (
    <p className="gh-notice" data-testid="dev-outbox-notice">
      {formatRich(t.devOutboxNotice, { outbox: <a href={href}>{href}</a> })}
    </p>
  );
}
