"use client";

import { useState, type FormEvent } from "react";
import QRCode from "qrcode";
import { en } from "../i18n/en";
import { format } from "../i18n";
import { CODE } from "../auth/wire-codes";
import { useHydrated } from "./hydrated";
import { callMfaApi } from "./mfa-api";
import { RecoveryCodes } from "./recovery-codes";
import { pickMessages, type MessagesOf } from "./client-messages";
import { RECOVERY_CODES_MESSAGES, TOTP_SETUP_MESSAGES } from "./account-messages";

const ENGLISH = pickMessages(en, TOTP_SETUP_MESSAGES);

export interface TotpSetupProps {
  apiBasePath?: string;
  /** Where to go once the device is verified and the recovery codes are saved. */
  continueTo: string;
  /** The strings it shows, `pickMessages(t, TOTP_SETUP_MESSAGES)` (lib/i18n). @default English */
  messages?: MessagesOf<(typeof TOTP_SETUP_MESSAGES)[number]>;
}

type Step = { kind: "start" } | { kind: "scan"; deviceName: string; secret: string; qr: string } | { kind: "codes"; codes: string[] };

/** What a GENERAL_ERROR's `code` says to the user; anything else is the general message. */
function refusalOf(code: unknown, t: MessagesOf<(typeof TOTP_SETUP_MESSAGES)[number]>): string {
  if (code === CODE.TOTP_SETUPS_UNFINISHED) return t.totpSetupsUnfinished;
  if (code === CODE.TOO_MANY_TOTP_DEVICES) return t.tooManyTotpDevices;
  if (code === CODE.LAST_WAY_IN) return t.totpClosesLastWayIn;
  return t.general;
}

/** Setting up an authenticator: QR code and manual key, the first code, then the recovery codes. Embeddable. */
export function TotpSetup({ apiBasePath = "/api/auth", continueTo, messages: t = ENGLISH }: TotpSetupProps) {
  const [step, setStep] = useState<Step>({ kind: "start" });
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  // "Set up authenticator" is in the server's HTML, where a click would be lost without a sign: it waits for hydration.
  const hydrated = useHydrated();

  async function start() {
    setPending(true);
    setError(null);
    try {
      const answer = await callMfaApi(apiBasePath, "/totp/device", { deviceName: `Authenticator ${new Date().toISOString().slice(0, 16)}` });
      const body = answer.body ?? {};
      if (body.status !== "OK") return setError(refusalOf(body.code, t));
      const qr = await QRCode.toDataURL(String(body.qrCodeString), { margin: 1, width: 200 });
      setStep({ kind: "scan", deviceName: String(body.deviceName), secret: String(body.secret), qr });
    } catch {
      setError(t.general);
    } finally {
      setPending(false);
    }
  }

  async function verify(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (step.kind !== "scan") return;
    const totp = String(new FormData(event.currentTarget).get("code") ?? "").trim();
    setPending(true);
    setError(null);
    try {
      const answer = await callMfaApi(apiBasePath, "/totp/device/verify", { deviceName: step.deviceName, totp });
      const body = answer.body ?? {};
      if (body.status === "OK") {
        const codes = await callMfaApi(apiBasePath, "/mfa/recovery-codes");
        if (codes.body?.status === "OK") return setStep({ kind: "codes", codes: codes.body.recoveryCodes as string[] });
        return window.location.assign(continueTo);
      }
      if (body.status === "INVALID_TOTP_ERROR") {
        setError(format(t.mfaInvalidCode, { count: String(body.currentNumberOfFailedAttempts), max: String(body.maxNumberOfFailedAttempts) }));
      } else if (body.status === "LIMIT_REACHED_ERROR")
        setError(format(t.mfaLimitReached, { seconds: String(Math.ceil(Number(body.retryAfterMs) / 1000)) }));
      else setError(refusalOf(body.code, t));
    } catch {
      setError(t.general);
    } finally {
      setPending(false);
    }
  }

  if (step.kind === "codes") return <RecoveryCodes codes={step.codes} continueTo={continueTo} messages={pickMessages(t, RECOVERY_CODES_MESSAGES)} />;
  return (
    <section className="gh-card" aria-labelledby="totp-setup-title">
      <h2 id="totp-setup-title" className="gh-title">
        {t.mfaSetUpTitle}
      </h2>
      {step.kind === "start" ? (
        <button type="button" className="gh-button" onClick={start} disabled={pending || !hydrated}>
          {t.mfaSetUpStart}
        </button>
      ) : (
        <>
          <p>{t.mfaSetUpScan}</p>
          {/* eslint-disable-next-line @next/next/no-img-element -- a data: URL made in the browser; next/image has nothing to optimise */}
          <img src={step.qr} alt={t.mfaQrAlt} width={200} height={200} />
          <p>
            {t.mfaManualKey}: <code data-testid="totp-secret">{step.secret}</code>
          </p>
          <form method="post" onSubmit={verify} noValidate>
            <div className="gh-field">
              <label htmlFor="totp-setup-code">{t.mfaCode}</label>
              <input id="totp-setup-code" name="code" autoComplete="one-time-code" inputMode="numeric" required />
            </div>
            <button type="submit" className="gh-button" disabled={pending}>
              {t.mfaVerify}
            </button>
          </form>
        </>
      )}
      {error && (
        <p className="gh-error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}
