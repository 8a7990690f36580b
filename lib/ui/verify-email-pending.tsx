"use client";

import { useCallback, useEffect, useRef, useState } from "react";
import { callAuthApi, messageOf } from "./fdi-post";
import { en } from "../i18n/en";
import { pickMessages, SIGN_OUT_BUTTON_MESSAGES, type MessagesOf } from "./client-messages";
import { SignOutButton } from "./sign-out-button";
import { DevOutboxNotice } from "./dev-outbox-notice";
import { SubmitButton } from "./submit-button";
import { rememberReturnPath, returnPath } from "./verify-email-return";
import { VERIFY_EMAIL_PENDING_MESSAGES } from "./email-link-messages";

const ENGLISH = pickMessages(en, VERIFY_EMAIL_PENDING_MESSAGES);

export interface VerifyEmailPendingProps {
  /** @default "/api/auth" */
  apiBasePath?: string;
  /** @default "/auth" */
  websiteBasePath?: string;
  /** The page that sent the user here; they return to it once verified. */
  redirectToPath?: string | null;
  /** The strings it shows, `pickMessages(t, VERIFY_EMAIL_PENDING_MESSAGES)` (lib/i18n). @default English */
  messages?: MessagesOf<(typeof VERIFY_EMAIL_PENDING_MESSAGES)[number]>;
  /** Development without SMTP_URL: the dev outbox's path, shown where an email "was sent". @default none */
  devOutboxPath?: string;
}

/** Send once automatically per this long, so that reloading the page does not send again. */
const AUTO_SEND_EVERY_MS = 60_000;
const AUTO_SENT_KEY = "gatehouse.verifyEmail.autoSentAt";

/**
 * "Check your inbox": shown to a signed-in user whose email is not verified. Sends the link on
 * arrival, offers to send it again (the server rate-limits that), and moves on by itself as
 * soon as the email is verified, here or on another device.
 */
export function VerifyEmailPending({
  apiBasePath = "/api/auth",
  websiteBasePath = "/auth",
  redirectToPath = null,
  messages: t = ENGLISH,
  devOutboxPath,
}: VerifyEmailPendingProps) {
  const [phase, setPhase] = useState<"checking" | "waiting">("checking");
  const [notice, setNotice] = useState<{ kind: "status" | "alert"; text: string } | null>(null);
  const [pending, setPending] = useState(false);
  const started = useRef(false);

  const send = useCallback(
    async (automatic = false) => {
      setPending(true);
      try {
        const answer = await callAuthApi(apiBasePath, "/user/email/verify/token", { rid: "emailverification" });
        if (answer.body?.status === "OK") setNotice(automatic ? null : { kind: "status", text: t.newLinkSent });
        else if (answer.body?.status === "EMAIL_ALREADY_VERIFIED_ERROR") window.location.replace(returnPath());
        else setNotice({ kind: "alert", text: messageOf(answer, t) });
      } catch {
        setNotice({ kind: "alert", text: t.emailNotSent });
      } finally {
        setPending(false);
      }
    },
    [apiBasePath, t],
  );

  /** True while unverified; otherwise it has already moved the browser on. */
  const check = useCallback(async () => {
    const here = `${websiteBasePath}/verify-email${redirectToPath ? `?redirectToPath=${encodeURIComponent(redirectToPath)}` : ""}`;
    // The answer also refreshes the session's claim, so the page that sent us here now opens.
    const answer = await callAuthApi(apiBasePath, "/user/email/verify", { method: "GET", rid: "emailverification" });
    if (answer.httpStatus === 401) window.location.replace(`${websiteBasePath}?redirectToPath=${encodeURIComponent(here)}`);
    else if (answer.body?.isVerified) window.location.replace(returnPath());
    else return true;
    return false;
  }, [apiBasePath, websiteBasePath, redirectToPath]);

  useEffect(() => {
    // React's development double-mount must not send twice.
    if (started.current) return;
    started.current = true;
    rememberReturnPath(redirectToPath);
    check()
      .then(async (unverified) => {
        if (!unverified) return;
        setPhase("waiting");
        const last = Number(sessionStorage.getItem(AUTO_SENT_KEY) ?? 0);
        if (Date.now() - last > AUTO_SEND_EVERY_MS) {
          sessionStorage.setItem(AUTO_SENT_KEY, String(Date.now()));
          await send(true);
        }
      })
      .catch(() => {
        setPhase("waiting");
        setNotice({ kind: "alert", text: t.reloadPage });
      });
  }, [redirectToPath, check, send, t]);

  useEffect(() => {
    // Back from the mail client, where the link was opened in another tab: look again.
    const onFocus = () => void check().catch(() => {});
    window.addEventListener("focus", onFocus);
    return () => window.removeEventListener("focus", onFocus);
  }, [check]);

  if (phase === "checking")
    return (
      <p className="gh-muted" role="status">
        {t.checkingEmail}
      </p>
    );
  return (
    <div className="gh-card">
      <h1>{t.verifyEmailTitle}</h1>
      <p>{t.verifyEmailBody}</p>
      {devOutboxPath && <DevOutboxNotice href={devOutboxPath} messages={t} />}
      {notice && (
        <p className={notice.kind === "alert" ? "gh-error" : "gh-muted"} role={notice.kind}>
          {notice.text}
        </p>
      )}
      <p>
        <SubmitButton type="button" pending={pending} onClick={() => send()}>
          {t.sendLinkAgain}
        </SubmitButton>
      </p>
      <p className="gh-muted">{t.wrongAccount}</p>
      <SignOutButton apiBasePath={apiBasePath} afterSignOut={websiteBasePath} messages={pickMessages(t, SIGN_OUT_BUTTON_MESSAGES)} />
    </div>
  );
}
