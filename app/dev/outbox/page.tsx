import { notFound } from "next/navigation";
import { readOutbox } from "@/lib/email/dev-outbox";
import { readSmsOutbox } from "@/lib/email/sms-dev-outbox";

export const dynamic = "force-dynamic";
export const metadata = { title: "Dev outbox", referrer: "no-referrer" as const };

/**
 * Development only: the emails Gatehouse would have sent (SMTP_URL unset), newest first, with
 * their links, and the text messages (passwordless by phone without an `SmsDelivery`). A production build answers 404: NODE_ENV is fixed at build time, so this body
 * is compiled away there.
 */
export default function DevOutboxPage() {
  if (process.env.NODE_ENV === "production") notFound();
  const emails = readOutbox();
  const messages = readSmsOutbox();
  return (
    <main className="gh-outbox">
      <h1>Dev outbox</h1>
      <p className="gh-muted">Emails are not sent while SMTP_URL is unset; they are kept here (the last 50, until the server restarts).</p>
      {emails.length === 0 && <p data-testid="outbox-empty">No emails yet.</p>}
      <ul className="gh-session-list">
        {emails.map((email) => (
          <li key={email.id} className="gh-card" data-testid="outbox-email">
            <p>
              <strong>{email.subject}</strong>
            </p>
            <p className="gh-muted">
              to {email.to} · from {email.from.name} &lt;{email.from.address}&gt; · {email.sentAt.toLocaleString()}
            </p>
            <p>
              <a href={email.link}>{email.link}</a>
            </p>
            <pre>{email.text}</pre>
          </li>
        ))}
      </ul>
      {messages.length > 0 && (
        <>
          <h2>Text messages</h2>
          <ul className="gh-session-list">
            {messages.map((sms) => (
              <li key={sms.id} className="gh-card" data-testid="outbox-sms">
                <p className="gh-muted">
                  to {sms.to} · {sms.sentAt.toLocaleString()}
                </p>
                <pre>{sms.text}</pre>
              </li>
            ))}
          </ul>
        </>
      )}
    </main>
  );
}
